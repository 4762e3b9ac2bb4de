// The field page's entry (card.html). Runs inside the merchant's iframe on the edge origin, as a classic script
// (build/field-page-scripts.ts) the parser runs as soon as it has it: inline at the start of the body (the combined
// card), or from its hashed file at the end of the body (split fields). The body exists by then, and the task that
// renders the fields and says `ready` is the parser's, before DOMContentLoaded and load; the message leaves the frame
// when it ends (a postMessage to a parent in another process goes out only after the current task).
import '../components/card-field/card-field';
import { FieldPageController } from './field-page-controller';
import { loadPageLocale } from './page-locale';
import { readPageParams } from './page-params';

const pageStyles = new CSSStyleSheet();
// Transparent and unpadded, so the merchant's page shows around the fields and the reported height is exact.
pageStyles.replaceSync('html,body{margin:0;padding:0;background:transparent}body{padding:2px}');
document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyles];

const params = readPageParams(location);
// Without a well-formed key, parent origin and channel the page cannot talk to anyone safely: it stays blank.
if (params) {
  // The shopper's language first (English is built in; another is one small request), so the first render is in it.
  void Promise.all([loadPageLocale(params.options), documentBody()]).then(([locale, body]) => {
    const field = document.createElement('tessera-card-field');
    new FieldPageController(field, params, { locale });
    body.append(field);
  });
}

/** The page's body, once parsed (a script in the head would run before the parser has reached it). */
function documentBody(): Promise<HTMLElement> {
  if (document.body) return Promise.resolve(document.body);
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(document.body), { once: true }),
  );
}
