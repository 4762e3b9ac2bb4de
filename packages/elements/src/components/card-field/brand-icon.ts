import type { Brand } from '@tessera/protocol';
import { html, svg, type TemplateResult } from 'lit';

// Small inline marks (no image requests, no img-src needed): a coloured badge with the brand's short name,
// and the two circles for Mastercard and Maestro. They identify the network; they are not the official logos.
const BADGES: Partial<Record<Brand, readonly [fill: string, label: string]>> = {
  visa: ['#1a1f71', 'VISA'],
  amex: ['#016fd0', 'AMEX'],
  discover: ['#ff6000', 'DISC'],
  diners: ['#0079be', 'DC'],
  jcb: ['#0b7a3e', 'JCB'],
  unionpay: ['#d10429', 'UP'],
  mir: ['#0f754e', 'MIR'],
  elo: ['#231f20', 'elo'],
  hipercard: ['#b3131b', 'HIPER'],
  hiper: ['#f37421', 'HIPER'],
  verve: ['#00425f', 'VERVE'],
  rupay: ['#097a44', 'RuPay'],
  troy: ['#00a4b4', 'TROY'],
  uatp: ['#005da8', 'UATP'],
};

// Whole <svg> elements are `html` templates (the HTML parser puts an <svg> and its children in the SVG namespace),
// which the build compiles (build/compiled-templates.ts); `svg` is for the fragments that go inside one.
const frame = (body: TemplateResult, fill = '#fff') =>
  html`<svg viewBox="0 0 32 20" width="32" height="20" focusable="false" aria-hidden="true"><rect width="32" height="20" rx="3" fill=${fill}/>${body}</svg>`;

const circles = (right: string) =>
  frame(
    svg`<circle cx="12.5" cy="10" r="6" fill="#eb001b"/><circle cx="19.5" cy="10" r="6" fill=${right} fill-opacity=".9"/>`,
    '#252525',
  );

/** A generic card outline, coloured by `currentColor` (the merchant's `iconColor`). */
const genericCard = html`<svg viewBox="0 0 32 20" width="32" height="20" focusable="false" aria-hidden="true"><rect x=".75" y=".75" width="30.5" height="18.5" rx="2.5" fill="none" stroke="currentColor" stroke-width="1.5"/><rect x="1" y="5" width="30" height="3" fill="currentColor"/><rect x="4" y="13" width="9" height="2" rx="1" fill="currentColor"/></svg>`;

/** The mark shown in the number input for a detected brand. */
export function brandIcon(brand: Brand): TemplateResult {
  if (brand === 'mastercard') return circles('#f79e1b');
  if (brand === 'maestro') return circles('#00a2e5');
  const badge = BADGES[brand];
  if (!badge) return genericCard;
  const [fill, label] = badge;
  return frame(
    svg`<text x="16" y="13.5" text-anchor="middle" font-family="Arial,Helvetica,sans-serif" font-weight="700" font-size=${label.length > 4 ? 5.5 : 7} fill="#fff">${label}</text>`,
    fill,
  );
}
