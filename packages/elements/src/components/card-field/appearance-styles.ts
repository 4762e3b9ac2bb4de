import {
  APPEARANCE_SELECTORS,
  type Appearance,
  type AppearanceRules,
  type AppearanceSelector,
  type AppearanceVariables,
  type CardElementOptions,
  type ElementStyle,
  type FontSource,
  kebab,
  type RuleProperty,
  type StyleRules,
} from '@tessera/protocol';
import { THEME_VARIABLES } from './themes';

/** Where each selector's properties land in the shadow tree: text on the inputs, box ones on the bordered box. */
interface Target {
  text: string;
  box?: string;
  icon?: string;
  placeholder?: string;
}
const state = (name: string): Target => ({
  box: `.box.${name}`,
  text: `.box [data-state='${name}'] input`,
  icon: `.box [data-state='${name}'] .brand`,
  placeholder: `.box [data-state='${name}'] input::placeholder`,
});
const TARGETS: Record<AppearanceSelector, Target> = {
  '.Input': { box: '.box', text: '.box input', icon: '.box .brand', placeholder: '.box input::placeholder' },
  '.Input:focus': {
    box: '.box:focus-within',
    text: '.box input:focus',
    icon: '.box:focus-within .brand',
    placeholder: '.box input:focus::placeholder',
  },
  '.Input--invalid': state('invalid'),
  '.Input--complete': state('complete'),
  '.Input::placeholder': { text: '.box input::placeholder' },
  '.Input:autofill': { text: '.box input:autofill' },
  '.Label': { text: '.box label' },
  '.Error': { text: '.errors p' },
};
const BOX: ReadonlySet<RuleProperty> = new Set([
  'backgroundColor',
  'borderColor',
  'borderWidth',
  'borderStyle',
  'borderRadius',
  'boxShadow',
  'padding',
]);

/** The selector and CSS property a rule property styles. */
function place(selector: AppearanceSelector, property: RuleProperty): [string | undefined, string] {
  const target = TARGETS[selector];
  if (property === 'iconColor') return [target.icon, 'color'];
  if (property === 'placeholderColor') return [target.placeholder, 'color'];
  return [(BOX.has(property) && target.box) || target.text, kebab(property)];
}

/**
 * The first styling option, `style` (base / invalid / complete), as appearance: base font family and size are
 * variables (they size the whole field, as they always did), focusColor the focus ring, the rest rules per state.
 */
export function styleAsAppearance(style: ElementStyle | undefined): Appearance {
  if (!style) return {};
  const variables: AppearanceVariables = {};
  const rules: AppearanceRules = {};
  const selectors = { base: '.Input', invalid: '.Input--invalid', complete: '.Input--complete' } as const;
  for (const [name, selector] of Object.entries(selectors) as [keyof ElementStyle, AppearanceSelector][]) {
    const { focusColor, ...rest }: StyleRules = { ...style[name] };
    if (name === 'base') {
      if (focusColor) variables.focusRingColor = focusColor;
      if (rest.fontFamily) variables.fontFamily = rest.fontFamily;
      if (rest.fontSize) variables.fontSizeBase = rest.fontSize;
      delete rest.fontFamily;
      delete rest.fontSize;
    }
    if (Object.keys(rest).length > 0) rules[selector] = rest;
  }
  return { variables, rules };
}

/** Theme, then the merchant's appearance, then `style` (the more specific option wins where both say something). */
export function resolveAppearance(options: CardElementOptions): Appearance & Required<Pick<Appearance, 'variables'>> {
  const appearance = options.appearance ?? {};
  const legacy = styleAsAppearance(options.style);
  const rules: AppearanceRules = { ...appearance.rules };
  for (const [selector, rule] of Object.entries(legacy.rules ?? {}) as [AppearanceSelector, object][]) {
    rules[selector] = { ...rules[selector], ...rule };
  }
  return {
    ...appearance,
    variables: { ...THEME_VARIABLES[appearance.theme ?? 'default'], ...appearance.variables, ...legacy.variables },
    rules,
  };
}

/**
 * Applies an element's appearance without a single style attribute or inline `<style>`: variables and rule values
 * are custom properties set on the host through the CSSOM (which the page's CSP allows), and the rules are a
 * constructed stylesheet whose text holds only selectors and property names of our own, each value a `var()`.
 * So a merchant's value never becomes CSS text, and cannot leave its declaration. Web fonts are FontFace objects,
 * loaded under the CSP's `font-src` from the allow-listed origins.
 */
export class AppearanceStyles {
  readonly sheet = new CSSStyleSheet();
  readonly #host: HTMLElement;
  #properties = new Set<string>();
  #fonts: FontFace[] = [];
  #fontKey = '';

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  apply(options: CardElementOptions): void {
    const { variables, rules, fonts } = resolveAppearance(options);
    const wanted = new Map<string, string>();
    for (const [name, value] of Object.entries(variables)) wanted.set(`--tessera-${kebab(name)}`, value);
    const blocks = new Map<string, string[]>();
    for (const selector of APPEARANCE_SELECTORS) {
      for (const [property, value] of Object.entries(rules?.[selector] ?? {}) as [RuleProperty, string][]) {
        const [target, css] = place(selector, property);
        if (!target) continue;
        const name = `--tessera-rule-${wanted.size}`;
        wanted.set(name, value);
        blocks.set(target, [...(blocks.get(target) ?? []), `${css}: var(${name})`]);
      }
    }
    this.sheet.replaceSync([...blocks].map(([target, body]) => `${target} { ${body.join('; ')} }`).join('\n'));
    for (const name of this.#properties) if (!wanted.has(name)) this.#host.style.removeProperty(name);
    for (const [name, value] of wanted) this.#host.style.setProperty(name, value);
    this.#properties = new Set(wanted.keys());
    this.#loadFonts(fonts ?? []);
  }

  #loadFonts(fonts: readonly FontSource[]): void {
    const key = JSON.stringify(fonts);
    if (key === this.#fontKey) return;
    this.#fontKey = key;
    for (const face of this.#fonts) document.fonts.delete(face);
    this.#fonts = fonts.map((font) => {
      // `src` passed fontUrl(): an https path of unreserved characters, so it sits in url("…") as it is.
      const face = new FontFace(font.family, `url("${font.src}")`, {
        ...(font.weight && { weight: font.weight }),
        ...(font.style && { style: font.style }),
        display: font.display ?? 'swap',
      });
      document.fonts.add(face);
      return face;
    });
  }
}
