import { describe, expect, it } from 'vitest';
import { FONT_ORIGINS } from './field-page-csp';
import { fontUrl, MAX_FONTS, sanitizeFonts } from './fonts';

const INTER = 'https://fonts.gstatic.com/s/inter/v13/UcC73FwrK3iLTeHuS_fvQtMwCp50KnMa1ZL7.woff2';

describe('fontUrl', () => {
  it.each([
    INTER,
    'https://fonts.bunny.net/inter/files/inter-latin-400-normal.woff',
    'https://fonts.gstatic.com/a%20b.ttf',
  ])('takes %s', (src) => expect(fontUrl(src)).toBe(src));

  it.each([
    ['http', INTER.replace('https:', 'http:')],
    ['another origin', 'https://evil.example/inter.woff2'],
    ['an origin that only starts like an allowed one', 'https://fonts.gstatic.com.evil.example/inter.woff2'],
    ['credentials', 'https://user@fonts.gstatic.com/inter.woff2'],
    ['a port', 'https://fonts.gstatic.com:8443/inter.woff2'],
    ['a query', `${INTER}?v=1`],
    ['a fragment', `${INTER}#x`],
    ['a quote that would end url("…")', 'https://fonts.gstatic.com/a".woff2'],
    ['a parenthesis', 'https://fonts.gstatic.com/a).woff2'],
    ['a backslash', 'https://fonts.gstatic.com/a\\b.woff2'],
    ['a space', 'https://fonts.gstatic.com/a b.woff2'],
    ['a stylesheet', 'https://fonts.gstatic.com/css2.css'],
    ['a protocol-relative URL', '//fonts.gstatic.com/inter.woff2'],
    ['a data URL', 'data:font/woff2;base64,AAAA'],
    ['no string', 42],
  ])('refuses %s', (_, src) => {
    expect(fontUrl(src)).toBeNull();
  });

  it('allows exactly the origins the field page CSP names in font-src', () => {
    expect(FONT_ORIGINS).toEqual(['https://fonts.gstatic.com', 'https://fonts.bunny.net']);
  });
});

describe('sanitizeFonts', () => {
  it('keeps fonts with their descriptors and names each one it drops', () => {
    const reported: string[] = [];
    const report = (option: string) => reported.push(option);
    const fonts = sanitizeFonts(
      [
        { family: 'Inter', src: INTER, weight: '100 900', style: 'normal', display: 'swap' },
        { family: 'Evil', src: 'https://evil.example/e.woff2' },
        { family: 'Bad; name', src: INTER },
        { family: 'Inter', src: INTER, weight: 'heavy', unicodeRange: 'U+0030' },
        'Inter',
      ],
      'appearance.fonts',
      { report },
    );
    expect(fonts).toEqual([
      { family: 'Inter', src: INTER, weight: '100 900', style: 'normal', display: 'swap' },
      { family: 'Inter', src: INTER },
    ]);
    expect(reported).toEqual([
      'appearance.fonts[1].src',
      'appearance.fonts[2].family',
      'appearance.fonts[3].unicodeRange',
      'appearance.fonts[3].weight',
      'appearance.fonts[4]',
    ]);
  });

  it(`loads at most ${MAX_FONTS}`, () => {
    const many = Array.from({ length: MAX_FONTS + 2 }, () => ({ family: 'Inter', src: INTER }));
    expect(sanitizeFonts(many, 'appearance.fonts')).toHaveLength(MAX_FONTS);
  });
});
