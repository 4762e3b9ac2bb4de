import { describe, expect, it } from 'vitest';
import { buildFrameUrl, encodeOptions } from './frame-url';

const parts = {
  edgeOrigin: 'https://edge.example',
  publishableKey: 'pk_test_abc',
  parentOrigin: 'https://shop.example:8443',
  channel: '0123456789abcdef0123456789abcdef',
  options: { hideIcon: true },
};

const decode = (value: string): unknown => {
  const binary = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
};

describe('buildFrameUrl', () => {
  it('puts key and parent origin in the query, channel and options in the fragment', () => {
    const url = new URL(buildFrameUrl(parts));
    expect(url.origin).toBe('https://edge.example');
    expect(url.pathname).toBe('/elements/v1/card.html');
    expect(url.searchParams.get('key')).toBe('pk_test_abc');
    expect(url.searchParams.get('parent')).toBe('https://shop.example:8443');
    expect(url.search).toContain(`parent=${encodeURIComponent('https://shop.example:8443')}`);
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(fragment.get('channel')).toBe(parts.channel);
    expect(decode(fragment.get('options') ?? '')).toEqual({ hideIcon: true });
  });

  it('never puts the key in the fragment nor the channel in the query', () => {
    const url = new URL(buildFrameUrl(parts));
    expect(url.hash).not.toContain('pk_test_abc');
    expect(url.search).not.toContain(parts.channel);
    expect([...url.searchParams.keys()]).toEqual(['key', 'parent']);
  });

  it('encodes options as unpadded base64url JSON that survives non-ASCII values', () => {
    const options = { style: { base: { fontFamily: 'Noto Sans, “Ünïcode”', fontSize: '16px' } } };
    const encoded = encodeOptions(options);
    expect(encoded).toMatch(/^[\w-]+$/);
    expect(decode(encoded)).toEqual(options);
  });
});
