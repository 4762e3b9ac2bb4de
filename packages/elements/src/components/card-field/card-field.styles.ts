import type { StyleProperty } from '@tessera/protocol';
import { css, unsafeCSS } from 'lit';

/** `fontFamily` → `font-family`. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The custom property that carries a merchant style rule, set on the host from sanitized `options.style`:
 * `--tessera-<base|invalid|complete>-<property>`, e.g. `--tessera-invalid-color`.
 */
export const styleVariable = (state: 'base' | 'invalid' | 'complete', property: StyleProperty) =>
  `--tessera-${state}-${kebab(property)}`;

/** Properties styled on the container only (base state, plus the invalid/complete border colour). */
type ContainerProperty = 'borderColor' | 'borderRadius' | 'focusColor';
type InputProperty = Exclude<StyleProperty, ContainerProperty>;

// A Record over every other allowed property, so one the protocol adds cannot go unstyled unnoticed.
const DEFAULTS: Record<InputProperty, string> = {
  color: '#30313d',
  backgroundColor: 'transparent',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontSize: '16px',
  fontWeight: '400',
  fontStyle: 'normal',
  letterSpacing: 'normal',
  lineHeight: '1.5',
  textTransform: 'none',
  placeholderColor: '#6b7280',
  iconColor: '#6b7280',
};
const INVALID_DEFAULTS: Partial<Record<InputProperty, string>> = { color: '#c0123c', iconColor: '#c0123c' };

// Each input resolves `--_<property>` from its own state (data-state on .field), falling back to base, then
// to the defaults; the rules below only ever read `--_*`.
const stateRules = (['base', 'invalid', 'complete'] as const)
  .map((state) => {
    const declarations = Object.keys(DEFAULTS).map((p) => {
      const property = p as InputProperty;
      const base = `var(${styleVariable('base', property)}, ${DEFAULTS[property]})`;
      const fallback = state === 'invalid' ? (INVALID_DEFAULTS[property] ?? base) : base;
      const value = state === 'base' ? base : `var(${styleVariable(state, property)}, ${fallback})`;
      return `--_${kebab(property)}: ${value};`;
    });
    const selector = state === 'base' ? '.field' : `.field[data-state='${state}']`;
    return `${selector} { ${declarations.join(' ')} }`;
  })
  .join('\n');

export const cardFieldStyles = [
  unsafeCSS(stateRules),
  css`
    :host {
      display: block;
      font-family: var(--tessera-base-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
      font-size: var(--tessera-base-font-size, 16px);
    }
    :host([hidden]) {
      display: none;
    }
    .card {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.75em;
      padding: 0.5em 0.75em;
      border: 1px solid var(--tessera-base-border-color, #d5dbe1);
      border-radius: var(--tessera-base-border-radius, 6px);
      background-color: var(--tessera-base-background-color, #fff);
    }
    .card:focus-within {
      border-color: var(--tessera-base-focus-color, #0570de);
      box-shadow: 0 0 0 1px var(--tessera-base-focus-color, #0570de);
    }
    .card.invalid {
      border-color: var(--tessera-invalid-border-color, #c0123c);
    }
    .card.complete {
      border-color: var(--tessera-complete-border-color, var(--tessera-base-border-color, #d5dbe1));
    }
    .card.disabled {
      opacity: 0.6;
    }
    .field {
      display: flex;
      align-items: center;
      gap: 0.5em;
      min-width: 0;
    }
    .number {
      flex: 1 1 11em;
    }
    .expiry {
      flex: 0 1 5.5em;
    }
    .cvc {
      flex: 0 1 4.5em;
    }
    /* A split field holds one input, which takes the whole box. */
    .single .field {
      flex: 1 1 auto;
    }
    input {
      box-sizing: border-box;
      flex: 1 1 auto;
      width: 100%;
      min-width: 0;
      margin: 0;
      padding: 0.125em 0;
      border: 0;
      outline: none;
      color: var(--_color);
      background-color: var(--_background-color);
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      font-weight: var(--_font-weight);
      font-style: var(--_font-style);
      letter-spacing: var(--_letter-spacing);
      line-height: var(--_line-height);
      text-transform: var(--_text-transform);
    }
    input::placeholder {
      color: var(--_placeholder-color);
      opacity: 1;
    }
    input:disabled {
      cursor: not-allowed;
    }
    .brand {
      display: inline-flex;
      flex: none;
      color: var(--_icon-color);
    }
    .errors p {
      margin: 0.375em 0 0;
      color: var(--tessera-invalid-color, #c0123c);
      font-size: 0.875em;
      line-height: 1.4;
    }
    .errors p:empty {
      display: none;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
  `,
];
