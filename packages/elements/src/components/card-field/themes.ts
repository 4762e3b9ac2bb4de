import type { AppearanceVariables, Theme } from '@tessera/protocol';

/**
 * The default theme's variables: the field page's look when the merchant asks for nothing. The styles read only
 * these variables (as `--tessera-<kebab-name>` on the host), so a theme or a merchant's variables restyle everything.
 */
export const DEFAULT_VARIABLES = {
  colorPrimary: '#0570de',
  colorBackground: '#ffffff',
  colorText: '#30313d',
  colorTextPlaceholder: '#6b7280',
  colorIcon: '#6b7280',
  colorBorder: '#d5dbe1',
  colorDanger: '#c0123c',
  // A complete field keeps the border it had; a merchant may colour it.
  colorSuccess: 'var(--tessera-color-border)',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontSizeBase: '16px',
  fontLineHeight: '1.5',
  spacingUnit: '4px',
  borderRadius: '6px',
  focusRingColor: 'var(--tessera-color-primary)',
  focusRingWidth: '1px',
} as const satisfies Required<AppearanceVariables>;

/** What each theme changes from the default. Night is for dark pages; flat draws a filled box without a border. */
export const THEME_VARIABLES: Record<Theme, AppearanceVariables> = {
  default: {},
  night: {
    colorPrimary: '#85a6ff',
    colorBackground: '#30313d',
    colorText: '#ffffff',
    colorTextPlaceholder: '#a3a6b4',
    colorIcon: '#a3a6b4',
    colorBorder: '#424353',
    colorDanger: '#fe87a1',
  },
  flat: {
    colorBackground: '#f1f3f5',
    colorBorder: '#f1f3f5',
    colorTextPlaceholder: '#5f6570',
    borderRadius: '4px',
    focusRingWidth: '2px',
  },
};
