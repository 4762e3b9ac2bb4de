// The field page's entry (card.html). Runs inside the merchant's iframe on the edge origin.
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
  void loadPageLocale(params.options).then((locale) => {
    const field = document.createElement('tessera-card-field');
    new FieldPageController(field, params, { locale });
    document.body.append(field);
  });
}
