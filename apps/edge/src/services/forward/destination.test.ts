import { describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal';
import { checkDestination } from './destination';

// Where POST /v1/forward may send a card (the route tests in routes/forward.test.ts cover it end to end).

describe('destinations', () => {
  const listed = ['api.processor.test', 'pay.processor.test:8443', '127.0.0.1:4243', 'localhost:4243', '203.0.113.5'];
  const verdict = (url: string, development: boolean) =>
    refusal(() => checkDestination(new URL(url), listed, development)) ?? 'ok';

  it('allows https host names on the list, with their exact port', () => {
    for (const development of [false, true]) {
      expect(verdict('https://api.processor.test/v1/charges?x=1', development)).toBe('ok');
      expect(verdict('https://API.processor.test:443/', development)).toBe('ok');
      expect(verdict('https://pay.processor.test:8443/', development)).toBe('ok');
      expect(verdict('https://pay.processor.test/', development)).toBe('forbidden_host');
      expect(verdict('https://api.processor.test:8443/', development)).toBe('forbidden_host');
      expect(verdict('https://evil.test/', development)).toBe('forbidden_host');
      expect(verdict('https://api.processor.test.evil.test/', development)).toBe('forbidden_host');
      expect(verdict('http://api.processor.test/', development)).toBe('forbidden_host');
      expect(verdict('https://203.0.113.5/', development)).toBe('forbidden_host');
    }
  });

  it('allows listed loopback hosts, over http too, in development only', () => {
    for (const url of ['http://127.0.0.1:4243/charge', 'http://localhost:4243/charge', 'https://127.0.0.1:4243/']) {
      expect(verdict(url, true)).toBe('ok');
      expect(verdict(url, false)).toBe('forbidden_host');
    }
    // Other spellings of an address are normalised by the URL parser first: this one is the listed host.
    expect(verdict('http://0x7f.1:4243/', true)).toBe('ok');
    expect(verdict('http://0x7f.1:4243/', false)).toBe('forbidden_host');
    expect(verdict('http://127.0.0.1:4244/', true)).toBe('forbidden_host');
  });
});
