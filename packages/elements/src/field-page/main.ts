// The field page's entry (card.html). Runs inside the merchant's iframe on the edge origin, as a classic script
// loaded one of two ways (build/field-page-scripts.ts): inline at the start of the body (the combined card), where
// the parser runs it as soon as it reaches it, or `async` from its hashed file (split fields), which runs in a task
// of its own as soon as it is loaded, not inside the parser's last task (DOMContentLoaded, load and their work for
// the browser). Either way the task that renders the fields and says `ready` ends soon after, and the message leaves
// the frame (a postMessage to a parent in another process goes out only after the current task).
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

/** The page's body, once parsed: an async script may run before the parser has reached it. */
function documentBody(): Promise<HTMLElement> {
  if (document.body) return Promise.resolve(document.body);
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(document.body), { once: true }),
  );
}
