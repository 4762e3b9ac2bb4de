import { kebab } from '@tessera/protocol';
import { css, unsafeCSS } from 'lit';
import { DEFAULT_VARIABLES } from './themes';

// Every colour, size and space below is a variable, `--tessera-<name>` (see themes.ts): the defaults are declared on
// the host here, and a theme's or merchant's values, set on the host element itself, override them. Appearance rules
// come on top, in a stylesheet of their own (appearance-styles.ts).
const defaults = Object.entries(DEFAULT_VARIABLES)
  .map(([name, value]) => `--tessera-${kebab(name)}: ${value};`)
  .join(' ');

export const cardFieldStyles = [
  unsafeCSS(`:host { ${defaults} }`),
  css`
    :host {
      --_unit: var(--tessera-spacing-unit);
      display: block;
      color: var(--tessera-color-text);
      font-family: var(--tessera-font-family);
      font-size: var(--tessera-font-size-base);
      line-height: var(--tessera-font-line-height);
    }
    :host([hidden]) {
      display: none;
    }
    .box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_unit) * 2) calc(var(--_unit) * 3);
      padding: calc(var(--_unit) * 2) calc(var(--_unit) * 3);
      border: 1px solid var(--tessera-color-border);
      border-radius: var(--tessera-border-radius);
      background-color: var(--tessera-color-background);
    }
    .box:focus-within {
      border-color: var(--tessera-focus-ring-color);
      box-shadow: 0 0 0 var(--tessera-focus-ring-width) var(--tessera-focus-ring-color);
    }
    .box.invalid {
      border-color: var(--tessera-color-danger);
    }
    .box.complete {
      border-color: var(--tessera-color-success);
    }
    .box.disabled {
      opacity: 0.6;
    }
    .field {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 calc(var(--_unit) * 2);
      min-width: 0;
    }
    .name {
      flex: 1 1 100%;
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
    .postalCode {
      flex: 0 1 6.5em;
    }
    /* A split field holds one input, which takes the whole box. */
    .single .field {
      flex: 1 1 auto;
    }
    input {
      box-sizing: border-box;
      flex: 1 1 0;
      width: 100%;
      min-width: 0;
      margin: 0;
      padding: calc(var(--_unit) / 2) 0;
      border: 0;
      outline: none;
      color: inherit;
      background-color: transparent;
      font: inherit;
    }
    input::placeholder {
      color: var(--tessera-color-text-placeholder);
      opacity: 1;
    }
    input:disabled {
      cursor: not-allowed;
    }
    /* Digits read left to right in every language; in a right-to-left page they keep to the start of the box. */
    input[dir='ltr']:dir(ltr) {
      text-align: left;
    }
    :host(:dir(rtl)) input[dir='ltr'] {
      text-align: right;
    }
    .field[data-state='invalid'] input,
    .field[data-state='invalid'] .brand {
      color: var(--tessera-color-danger);
    }
    .brand {
      display: inline-flex;
      flex: none;
      color: var(--tessera-color-icon);
    }
    .labels-above .field label {
      flex: 1 1 100%;
      font-size: 0.875em;
      font-weight: 500;
    }
    .errors p {
      margin: calc(var(--_unit) * 1.5) 0 0;
      color: var(--tessera-color-danger);
      font-size: 0.875em;
      line-height: 1.4;
    }
    .errors p:empty {
      display: none;
    }
    .visually-hidden,
    .labels-hidden label {
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
