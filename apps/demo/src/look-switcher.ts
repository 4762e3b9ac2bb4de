import type { Elements, LocaleOption } from '@tessera/js';
import { elementsOptions, LANGUAGES, LOOKS, type Look, lookFromAddress } from './look';

/**
 * Wires index.html's style and language menus to the elements group: a choice restyles or relocalizes the card in
 * place (`elements.update()`, no remount) and is kept in the page's address, so a reload shows the same.
 */
export function wireLookSwitcher(elements: Elements): void {
  const lookMenu = document.getElementById('look') as HTMLSelectElement | null;
  const localeMenu = document.getElementById('locale') as HTMLSelectElement | null;
  if (!lookMenu || !localeMenu) return;
  const start = lookFromAddress();
  lookMenu.replaceChildren(
    ...Object.keys(LOOKS).map((look) => new Option(look[0]?.toUpperCase() + look.slice(1), look)),
  );
  localeMenu.replaceChildren(...Object.entries(LANGUAGES).map(([code, name]) => new Option(name, code)));
  lookMenu.value = start.look;
  localeMenu.value = start.locale;
  const apply = () => {
    const look = lookMenu.value as Look;
    const locale = localeMenu.value as LocaleOption;
    elements.update(elementsOptions(look, locale));
    const query = new URLSearchParams(location.search);
    query.set('look', look);
    query.set('locale', locale);
    history.replaceState(null, '', `${location.pathname}?${query}`);
  };
  lookMenu.addEventListener('change', apply);
  localeMenu.addEventListener('change', apply);
}
