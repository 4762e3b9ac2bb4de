/**
 * The element's own styles, as a constructed stylesheet: a merchant page whose CSP has no `'unsafe-inline'` for
 * styles still applies it (adopted sheets are not inline styles), and no markup is ever parsed.
 */
export function tesseraCardStyles(): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(
    ':host{display:block}:host([hidden]){display:none}:host(:disabled){opacity:.6}' +
      '[part=frame]{display:block;min-height:50px}',
  );
  return sheet;
}
