import { expect as chaiExpect, fixture, fixtureCleanup } from '@open-wc/testing';
import type { CardElementOptions } from '@tessera/protocol';
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import './card-field';
import type { TesseraCardField } from './card-field';
import type { CardInput } from './card-state';

// The appearance option: a theme, variables its styles are built on, rules per selector and state, web fonts, labels.

const INTER = 'https://fonts.gstatic.com/s/inter/v13/UcC73FwrK3iLTeHuS_fvQtMwCp50KnMa1ZL7.woff2';

async function mount(options: CardElementOptions): Promise<TesseraCardField> {
  const el = await fixture<TesseraCardField>(html`<tessera-card-field .options=${options}></tessera-card-field>`);
  el.now = () => new Date('2026-06-15T12:00:00Z');
  return el;
}
const part = (el: TesseraCardField, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;
const input = (el: TesseraCardField, id: CardInput) => part(el, `#${id}`) as HTMLInputElement;
const css = (element: Element) => getComputedStyle(element);

afterEach(() => {
  fixtureCleanup();
  document.body.style.removeProperty('background');
});

describe('appearance: themes and variables', () => {
  it('draws the night theme light on dark, and passes axe on a dark page', async () => {
    document.body.style.setProperty('background', '#1a1b25');
    const el = await mount({ appearance: { theme: 'night' } });
    expect(css(part(el, '.box')).backgroundColor).toBe('rgb(48, 49, 61)');
    expect(css(input(el, 'number')).color).toBe('rgb(255, 255, 255)');
    await chaiExpect(el).to.be.accessible();
  });

  it('draws the flat theme as a filled box without a visible border', async () => {
    const el = await mount({ appearance: { theme: 'flat' } });
    const box = css(part(el, '.box'));
    expect(box.backgroundColor).toBe('rgb(241, 243, 245)');
    expect(box.borderColor).toBe('rgb(241, 243, 245)');
    expect(box.borderTopLeftRadius).toBe('4px');
  });

  it('builds every style on the variables: colours, font, spacing, radius, focus ring, danger', async () => {
    const el = await mount({
      appearance: {
        variables: {
          colorPrimary: '#7c5cff',
          colorText: '#101010',
          colorDanger: '#b00020',
          fontFamily: 'Georgia, serif',
          fontSizeBase: '18px',
          spacingUnit: '5px',
          borderRadius: '10px',
          focusRingWidth: '3px',
        },
      },
    });
    const box = part(el, '.box');
    expect(css(box).paddingTop).toBe('10px');
    expect(css(box).borderTopLeftRadius).toBe('10px');
    expect(css(input(el, 'number')).fontSize).toBe('18px');
    expect(css(input(el, 'number')).fontFamily).toBe('Georgia, serif');
    expect(css(input(el, 'number')).color).toBe('rgb(16, 16, 16)');
    input(el, 'number').focus();
    await el.updateComplete;
    expect(css(box).borderTopColor).toBe('rgb(124, 92, 255)');
    expect(css(box).boxShadow).toBe('rgb(124, 92, 255) 0px 0px 0px 3px');
    await userEvent.type(input(el, 'expiry'), '0120');
    await el.updateComplete;
    expect(css(part(el, '#expiry-error')).color).toBe('rgb(176, 0, 32)');
  });
});

describe('appearance: rules', () => {
  it('styles the inputs in each state, their placeholder, the labels and the errors', async () => {
    const el = await mount({
      appearance: {
        labels: 'above',
        rules: {
          '.Input': { backgroundColor: 'rgb(250, 250, 250)', color: 'rgb(1, 2, 3)', padding: '6px' },
          '.Input:focus': { borderColor: 'rgb(0, 128, 0)' },
          '.Input--invalid': { color: 'rgb(200, 0, 0)', borderColor: 'rgb(200, 0, 0)' },
          '.Input--complete': { color: 'rgb(0, 100, 0)' },
          '.Input::placeholder': { color: 'rgb(120, 120, 120)' },
          '.Label': { color: 'rgb(10, 20, 30)', textTransform: 'uppercase' },
          '.Error': { fontWeight: '700' },
        },
      },
    });
    const box = part(el, '.box');
    expect(css(box).backgroundColor).toBe('rgb(250, 250, 250)');
    expect(css(box).paddingTop).toBe('6px');
    expect(css(input(el, 'number')).color).toBe('rgb(1, 2, 3)');
    expect(getComputedStyle(input(el, 'number'), '::placeholder').color).toBe('rgb(120, 120, 120)');
    const label = part(el, 'label[for="number"]');
    expect(label.getBoundingClientRect().height).toBeGreaterThan(1);
    expect(css(label).color).toBe('rgb(10, 20, 30)');
    expect(css(label).textTransform).toBe('uppercase');

    input(el, 'cvc').focus();
    await el.updateComplete;
    expect(css(box).borderTopColor).toBe('rgb(0, 128, 0)');
    input(el, 'cvc').blur();

    await userEvent.type(input(el, 'expiry'), '0120');
    await el.updateComplete;
    input(el, 'expiry').blur();
    await el.updateComplete;
    expect(css(input(el, 'expiry')).color).toBe('rgb(200, 0, 0)');
    expect(css(box).borderTopColor).toBe('rgb(200, 0, 0)');
    expect(css(part(el, '#expiry-error')).fontWeight).toBe('700');

    el.clear();
    await userEvent.type(input(el, 'number'), '4242424242424242');
    await userEvent.keyboard('1234123');
    await el.updateComplete;
    expect(css(input(el, 'cvc')).color).toBe('rgb(0, 100, 0)');
    await chaiExpect(el).to.be.accessible();
  });

  it('writes no merchant value into CSS text: the rules sheet holds our selectors and var() only', async () => {
    const el = await mount({ appearance: { rules: { '.Input': { color: 'rgb(1, 2, 3)', padding: '7px' } } } });
    const sheets = el.shadowRoot!.adoptedStyleSheets;
    const rules = [...(sheets.at(-1)?.cssRules ?? [])].map((r) => r.cssText).join('\n');
    expect(rules).toMatch(/var\(--tessera-rule-\d+\)/);
    expect(rules).not.toContain('rgb(1, 2, 3)');
    expect(rules).not.toContain('7px');
    expect(el.getAttribute('style')).toMatch(/--tessera-rule-\d+: rgb\(1, 2, 3\)/);
  });

  it('lets the style option refine the appearance, as the more specific of the two', async () => {
    const el = await mount({
      appearance: { rules: { '.Input': { color: 'rgb(1, 1, 1)' } } },
      style: { base: { color: 'rgb(2, 2, 2)', fontSize: '19px', focusColor: 'rgb(3, 3, 3)' } },
    });
    expect(css(input(el, 'number')).color).toBe('rgb(2, 2, 2)');
    expect(css(el).fontSize).toBe('19px');
    input(el, 'number').focus();
    await el.updateComplete;
    expect(css(part(el, '.box')).borderTopColor).toBe('rgb(3, 3, 3)');
  });

  it('restyles without a new element when the options change, and forgets what they no longer say', async () => {
    const el = await mount({ appearance: { theme: 'night', variables: { borderRadius: '12px' } } });
    const first = input(el, 'number');
    el.options = { appearance: { theme: 'flat' } };
    await el.updateComplete;
    expect(input(el, 'number')).toBe(first);
    expect(css(part(el, '.box')).borderTopLeftRadius).toBe('4px');
    expect(css(part(el, '.box')).backgroundColor).toBe('rgb(241, 243, 245)');
  });
});

describe('appearance: web fonts', () => {
  const faces = () => [...document.fonts].filter((face) => face.family.replaceAll('"', '') === 'Inter Test');

  it('adds each font as a FontFace of the page (loaded under its CSP), and removes it when no longer asked for', async () => {
    const el = await mount({
      appearance: {
        fonts: [{ family: 'Inter Test', src: INTER, weight: '100 900', display: 'swap' }],
        variables: { fontFamily: "'Inter Test', sans-serif" },
      },
    });
    expect(faces()).toHaveLength(1);
    expect(faces()[0]).toMatchObject({ weight: '100 900', display: 'swap' });
    el.options = {};
    await el.updateComplete;
    expect(faces()).toHaveLength(0);
  });
});
