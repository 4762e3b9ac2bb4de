import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeStyleValue } from './appearance';
import {
  APPEARANCE_SELECTORS,
  APPEARANCE_VARIABLES,
  type Appearance,
  ruleProperties,
  sanitizeAppearance,
} from './appearance-options';

function recorder() {
  const reported: string[] = [];
  const report = (option: string, problem: string, detail?: readonly string[]) =>
    reported.push(`${option}: ${problem}${detail ? ` ${detail.join(',')}` : ''}`);
  return { reported, report };
}

// What a browser's CSS parser says of a few values, for the `supports` check (the SDK passes CSS.supports).
const supports = (property: string, value: string) =>
  !(property === 'color' && value === 'banana') && !(property === 'font-size' && value === 'big');

describe('sanitizeAppearance', () => {
  it('keeps a whole appearance of known names and safe values', () => {
    const appearance: Appearance = {
      theme: 'flat',
      variables: Object.fromEntries(Object.keys(APPEARANCE_VARIABLES).map((name) => [name, '4px'])),
      rules: Object.fromEntries(APPEARANCE_SELECTORS.map((selector) => [selector, { color: '#30313d' }])),
      fonts: [{ family: 'Inter', src: 'https://fonts.gstatic.com/s/inter/v13/inter-latin.woff2', weight: '400' }],
      labels: 'above',
    };
    const { reported, report } = recorder();
    expect(sanitizeAppearance(appearance, { report })).toEqual(appearance);
    expect(reported).toEqual([]);
  });

  it('drops what is unknown or unsafe, names it, and keeps the rest', () => {
    const { reported, report } = recorder();
    const out = sanitizeAppearance(
      {
        theme: 'midnight',
        variables: { colorPrimary: 'banana', colorText: '#111', fontSizeBase: 'big', colourDanger: 'red' },
        rules: {
          '.Input': { boxShadow: 'url(https://evil.example/x)', padding: '10px' },
          '.Input:hover': { color: 'red' },
          '.Label': { borderColor: 'red', fontWeight: '600' },
        },
        labels: 'floating',
        extra: true,
      },
      { report, supports },
    );
    expect(out).toEqual({
      variables: { colorText: '#111' },
      rules: { '.Input': { padding: '10px' }, '.Label': { fontWeight: '600' } },
    });
    expect(reported).toEqual([
      'appearance.extra: unknown',
      'appearance.theme: choice default,night,flat',
      'appearance.variables.colourDanger: unknown',
      'appearance.variables.colorPrimary: invalid color',
      'appearance.variables.fontSizeBase: invalid font-size',
      "appearance.rules['.Input:hover']: unknown .Input,.Input:focus,.Input--invalid,.Input--complete,.Input::placeholder,.Input:autofill,.Label,.Error",
      "appearance.rules['.Input'].boxShadow: unsafe",
      "appearance.rules['.Label'].borderColor: unknown",
      'appearance.labels: choice hidden,above',
    ]);
  });

  it('lets only the .Input rules style the box, its icon and placeholder colour', () => {
    expect(ruleProperties('.Input--invalid')).toContain('borderColor');
    expect(ruleProperties('.Input:autofill')).toEqual(expect.arrayContaining(['backgroundColor', 'boxShadow']));
    expect(ruleProperties('.Input:autofill')).not.toContain('padding');
    for (const selector of ['.Input::placeholder', '.Label', '.Error'] as const) {
      expect(ruleProperties(selector)).not.toContain('backgroundColor');
    }
  });

  it.each([
    ['text', 'night'],
    ['null', null],
    ['an array', [{ theme: 'night' }]],
  ])('reads an appearance given as %s as none, and says so', (_, input) => {
    const { reported, report } = recorder();
    expect(sanitizeAppearance(input, { report })).toEqual({});
    expect(reported).toEqual(['appearance: object']);
  });

  it('never throws, and returns only known names with safe values', () => {
    const known = fc.record(
      {
        theme: fc.oneof(fc.constantFrom('default', 'night', 'flat'), fc.anything()),
        variables: fc.dictionary(fc.constantFrom(...Object.keys(APPEARANCE_VARIABLES), 'x'), fc.anything()),
        rules: fc.dictionary(
          fc.constantFrom(...APPEARANCE_SELECTORS, '.Tab'),
          fc.dictionary(fc.constantFrom('color', 'padding', 'content'), fc.oneof(fc.string(), fc.anything())),
        ),
        fonts: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), known), (input) => {
        const out = sanitizeAppearance(input);
        for (const value of Object.values(out.variables ?? {})) expect(isSafeStyleValue(value)).toBe(true);
        for (const [selector, rule] of Object.entries(out.rules ?? {})) {
          expect(APPEARANCE_SELECTORS).toContain(selector);
          for (const [property, value] of Object.entries(rule)) {
            expect(ruleProperties(selector as (typeof APPEARANCE_SELECTORS)[number])).toContain(property);
            expect(isSafeStyleValue(value)).toBe(true);
          }
        }
      }),
    );
  });
});
