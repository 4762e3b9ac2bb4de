// tessera-card.html: <tessera-card> in a plain form. Importing the module registers the element; the page only
// gives it the key and the edge (from vite.config.ts `define`) and shows what goes wrong, in its own alert.
import '@tessera/js/tessera-card';

const card = document.querySelector('tessera-card');
const errorArea = document.getElementById('payment-error');
if (!card || !errorArea) throw new Error('tessera-card.html is missing its card or its alert');

const show = (message: string) => {
  errorArea.textContent = message;
  errorArea.hidden = message === '';
};

card.addEventListener('loaderror', (event) =>
  show((event as CustomEvent<{ error: { message: string } }>).detail.error.message),
);
card.addEventListener('tokenerror', (event) =>
  show((event as CustomEvent<{ error: { message: string } }>).detail.error.message),
);
card.addEventListener('change', () => show(''));
card.setAttribute('edge', __TESSERA_EDGE__);
card.setAttribute('publishable-key', __TESSERA_DEMO_PK__);
