/// <reference lib="dom" />
// test/ is checked by tsconfig.node.json (tsconfig.json compiles src/ only), so the DOM comes in here.

/** A fresh container in the document for one test. */
export function container(): HTMLDivElement {
  const div = document.createElement('div');
  document.body.append(div);
  return div;
}
