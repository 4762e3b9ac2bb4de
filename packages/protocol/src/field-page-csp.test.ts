import { describe, expect, it } from 'vitest';
import { FIELD_PAGE_TRUSTED_TYPES, fieldPageCsp, fieldPageFile } from './field-page-csp';

const NONCE = 'bm9uY2Utb2YtdGhlLXRlc3Q';
const MERCHANT = 'https://shop.example';

/** The policy as directive name → its value, failing on a directive given twice (browsers keep only the first). */
function directives(policy: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const directive of policy.split('; ')) {
    const [name = '', ...values] = directive.split(' ');
    expect(map.has(name)).toBe(false);
    map.set(name, values.join(' '));
  }
  return map;
}

describe('fieldPageCsp', () => {
  it('writes the whole policy, in order', () => {
    expect(fieldPageCsp({ nonce: NONCE, frameAncestors: [MERCHANT], reportUri: '/csp-reports' })).toBe(
      [
        "default-src 'none'",
        `script-src 'nonce-${NONCE}' 'strict-dynamic'`,
        `style-src 'self' 'nonce-${NONCE}'`,
        "img-src 'self' data:",
        "font-src 'self' https://fonts.gstatic.com https://fonts.bunny.net",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        'trusted-types lit-html tessera-liner',
        `frame-ancestors ${MERCHANT}`,
        'report-uri /csp-reports',
      ].join('; '),
    );
  });

  it.each([
    ['default-src', "'none'"],
    // Only the page's own scripts, by nonce, and what they load; no host list a CDN could be abused through.
    ['script-src', `'nonce-${NONCE}' 'strict-dynamic'`],
    // No 'unsafe-inline': a style= attribute is refused, which is why merchant styles arrive as custom properties.
    ['style-src', `'self' 'nonce-${NONCE}'`],
    ['img-src', "'self' data:"],
    // The appearance's web fonts, from the allow-listed font hosts only.
    ['font-src', "'self' https://fonts.gstatic.com https://fonts.bunny.net"],
    // The page may talk to the edge only, so a script slipped in could not send a card anywhere else.
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['require-trusted-types-for', "'script'"],
    ['trusted-types', 'lit-html tessera-liner'],
  ])('%s is %s', (name, value) => {
    expect(directives(fieldPageCsp({ nonce: NONCE, frameAncestors: [MERCHANT] })).get(name)).toBe(value);
  });

  it('allows exactly the two Trusted Types policies the page creates', () => {
    expect(FIELD_PAGE_TRUSTED_TYPES).toEqual(['lit-html', 'tessera-liner']);
  });

  it('puts the nonce of this response into script-src and style-src', () => {
    const policy = directives(fieldPageCsp({ nonce: 'other-nonce', frameAncestors: [MERCHANT] }));
    expect(policy.get('script-src')).toBe("'nonce-other-nonce' 'strict-dynamic'");
    expect(policy.get('style-src')).toBe("'self' 'nonce-other-nonce'");
  });

  it('lets each configured origin frame the page, and no other', () => {
    const origins = [MERCHANT, 'https://www.shop.example', 'http://localhost:5173'];
    const policy = directives(fieldPageCsp({ nonce: NONCE, frameAncestors: origins }));
    expect(policy.get('frame-ancestors')).toBe(origins.join(' '));
  });

  it("keeps the page unframeable with 'none' when no origin is configured (an empty list would allow any)", () => {
    const policy = fieldPageCsp({ nonce: NONCE, frameAncestors: [] });
    expect(directives(policy).get('frame-ancestors')).toBe("'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('reports violations only when told where', () => {
    const without = directives(fieldPageCsp({ nonce: NONCE, frameAncestors: [MERCHANT] }));
    expect(without.has('report-uri')).toBe(false);
    expect(without.size).toBe(12);

    const withUri = directives(
      fieldPageCsp({ nonce: NONCE, frameAncestors: [MERCHANT], reportUri: 'https://edge.example/csp' }),
    );
    expect(withUri.get('report-uri')).toBe('https://edge.example/csp');
    expect(withUri.size).toBe(13);
  });

  it('ends with frame-ancestors, or report-uri when given, and no stray separator', () => {
    const policy = fieldPageCsp({ nonce: NONCE, frameAncestors: [MERCHANT] });
    expect(policy.endsWith(`frame-ancestors ${MERCHANT}`)).toBe(true);
    expect(policy).not.toMatch(/;\s*;|;\s*$|^\s*;/);
  });
});

describe('fieldPageFile', () => {
  it('answers a split field (a type) with the split page, and the combined card with card.html', () => {
    // A query's names, as URLSearchParams answers `has` (this package's types know no DOM).
    const page = (...names: string[]) => fieldPageFile(new Set(names));
    expect(page('key', 'parent')).toBe('card.html');
    expect(page('key', 'parent', 'type')).toBe('split.html');
    expect(page('type')).toBe('split.html');
  });
});
