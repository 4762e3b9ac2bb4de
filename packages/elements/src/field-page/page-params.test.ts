import { base64url } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { readPageParams } from './page-params';

/** Text as the SDK puts options in the fragment: UTF-8, base64url without padding. */
const encoded = (text: string) => base64url(new TextEncoder().encode(text));

const at = (search: string, hash: string) => readPageParams({ search, hash });
const query = `?key=pk_test_demo_local&parent=${encodeURIComponent('http://localhost:5173')}`;

describe('readPageParams', () => {
  it('reads key and parent from the query, channel and options from the fragment', () => {
    const options = encoded(
      JSON.stringify({ style: { base: { color: '#333', fontFamily: 'Ünïcode Sans' } }, hideIcon: true }),
    );
    expect(at(query, `#channel=0a1b2c&options=${options}`)).toEqual({
      key: 'pk_test_demo_local',
      parentOrigin: 'http://localhost:5173',
      channel: '0a1b2c',
      element: 'card',
      options: { style: { base: { color: '#333' } }, hideIcon: true },
      // The font name outside ASCII is dropped; the merchant page is told which option, and why.
      warnings: [{ option: 'style.base.fontFamily', problem: 'unsafe' }],
    });
  });

  it('takes a bare fragment as the channel, and unreadable options as none', () => {
    expect(at(query, '#0a1b2c')).toMatchObject({ channel: '0a1b2c', options: {} });
    expect(at(query, '#channel=c1&options=%%%')).toMatchObject({ options: {} });
    expect(at(query, `#channel=c1&options=${encoded('[1,2]')}`)).toMatchObject({ options: {} });
  });

  it('drops merchant styles that could escape a CSS value', () => {
    const options = encoded(JSON.stringify({ style: { base: { color: 'red;background:url(https://evil)' } } }));
    expect(at(query, `#channel=c1&options=${options}`)?.options).toEqual({ style: {} });
  });

  it('drops values this browser cannot apply, and says which, with what is allowed', () => {
    const options = encoded(
      JSON.stringify({
        locale: 'tlh',
        appearance: {
          variables: { colorPrimary: 'banana', colorText: '#101010' },
          fonts: [{ family: 'Inter', src: 'https://evil.example/inter.woff2' }],
        },
      }),
    );
    const params = at(query, `#channel=c1&options=${options}`);
    expect(params?.options).toEqual({ appearance: { variables: { colorText: '#101010' } } });
    expect(params?.warnings).toEqual([
      { option: 'appearance.variables.colorPrimary', problem: 'invalid', detail: ['color'] },
      {
        option: 'appearance.fonts[0].src',
        problem: 'font',
        detail: ['https://fonts.gstatic.com', 'https://fonts.bunny.net'],
      },
      { option: 'locale', problem: 'choice', detail: expect.arrayContaining(['en', 'es', 'he']) },
    ]);
  });

  it('stays inert without a well-formed key, an exact parent origin or a channel', () => {
    expect(at('?parent=http%3A%2F%2Flocalhost%3A5173', '#channel=c1')).toBeNull();
    expect(at('?key=sk_test_demo_local&parent=http%3A%2F%2Flocalhost%3A5173', '#channel=c1')).toBeNull();
    expect(at('?key=pk_test_demo_local&parent=*', '#channel=c1')).toBeNull();
    expect(at('?key=pk_test_demo_local&parent=http%3A%2F%2Flocalhost%3A5173%2Fpath', '#channel=c1')).toBeNull();
    expect(at('?key=pk_test_demo_local&parent=javascript%3Aalert(1)', '#channel=c1')).toBeNull();
    expect(at(query, '')).toBeNull();
    expect(at(query, '#channel=has spaces')).toBeNull();
  });

  it('reads the element type of a split field from the query, and refuses an unknown one', () => {
    expect(at(`${query}&type=cardNumber`, '#c1')).toMatchObject({ element: 'cardNumber' });
    expect(at(`${query}&type=cardExpiry`, '#c1')).toMatchObject({ element: 'cardExpiry' });
    expect(at(`${query}&type=cardCvc`, '#c1')).toMatchObject({ element: 'cardCvc' });
    expect(at(`${query}&type=card`, '#c1')).toMatchObject({ element: 'card' });
    expect(at(`${query}&type=cardPin`, '#c1')).toBeNull();
  });
});
