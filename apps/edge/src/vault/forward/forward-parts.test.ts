import { describe, expect, it } from 'vitest';
import { peerUrl } from '../../../test/support/forward';
import { refusal } from '../../../test/support/refusal';
import { maskCardData } from './mask';
import { sendForward } from './send';
import { checkJsonTemplate, escapingFor, fillTemplate, templateFields } from './template';

// The plain functions a forward runs inside the vault (the route tests in routes/forward.test.ts cover them end
// to end).

const PAN = ['4000', '0566', '5566', '5556'].join(''); // a test Visa debit, assembled so no scanner mistakes it

describe('templates', () => {
  it('finds the five placeholders and refuses any other {{…}}', () => {
    expect(templateFields('{"a":"{{card.number}}","b":{{card.expMonth}},"c":"{{card.cvc}}"}')).toEqual(
      new Set(['number', 'expMonth', 'cvc']),
    );
    expect(templateFields('{"a":{"b":{}}}')).toEqual(new Set());
    for (const bad of ['{{card.pan}}', '{{ card.number }}', '{{card.number}', '{{CARD.NUMBER}}', 'a {{ b']) {
      expect(templateFields(bad)).toBeNull();
    }
  });

  it('escapes as the body is: inside a JSON string, percent-encoded for forms, raw otherwise', () => {
    const values = { name: 'Ann "A" \\ B\n', number: PAN };
    expect(JSON.parse(fillTemplate('{"n":"{{card.name}}"}', values, 'json'))).toEqual({ n: values.name });
    expect(fillTemplate('n={{card.name}}', values, 'form')).toBe('n=Ann%20%22A%22%20%5C%20B%0A');
    expect(fillTemplate('{{card.number}}', values, 'raw')).toBe(PAN);
    expect(() => fillTemplate('{{card.cvc}}', values, 'raw')).toThrow();
  });

  it('chooses the escaping from the Content-Type', () => {
    expect(escapingFor('application/json; charset=utf-8')).toBe('json');
    expect(escapingFor('application/vnd.api+json')).toBe('json');
    expect(escapingFor('Application/X-WWW-Form-Urlencoded')).toBe('form');
    expect(escapingFor('text/xml')).toBe('xml');
    expect(escapingFor('application/xml; charset=utf-8')).toBe('xml');
    expect(escapingFor('application/soap+xml')).toBe('xml');
    expect(escapingFor('text/plain')).toBe('raw');
    // A name that would close the surrounding XML stays text.
    const injected = `</name><amount>1</amount><x a='1' b="2">&`;
    expect(fillTemplate('<name>{{card.name}}</name>', { name: injected }, 'xml')).toBe(
      '<name>&lt;/name&gt;&lt;amount&gt;1&lt;/amount&gt;&lt;x a=&apos;1&apos; b=&quot;2&quot;&gt;&amp;</name>',
    );
    expect(escapingFor(undefined)).toBe('raw');
  });

  it('wants the number, CVC and name of a JSON body inside strings', () => {
    expect(refusal(() => checkJsonTemplate('{"m":{{card.expMonth}},"y":{{card.expYear}},"n":"{{card.number}}"}'))).toBe(
      undefined,
    );
    for (const bad of ['{"n":{{card.number}}}', '{"c":{{card.cvc}}}', '{"h":{{card.name}}}', '{"x":']) {
      expect(refusal(() => checkJsonTemplate(bad))).toBe('invalid_request');
    }
  });
});

describe('masking', () => {
  it('keeps only the last four digits of the number, in any grouping', () => {
    const text = `${PAN} ${PAN.replace(/(\d{4})(?=\d)/g, '$1 ')} ${PAN.replace(/(\d{4})(?=\d)/g, '$1-')} x${PAN}9`;
    expect(maskCardData(text, { number: PAN })).toBe(
      '************5556 **** **** **** 5556 ****-****-****-5556 x************55569',
    );
  });

  it('finds the number however it is spelled: separators, escapes, UTF-16, hex, base64', () => {
    const utf16 = (text: string) => [...text].map((c) => `${c}\u0000`).join('');
    const b64 = (prefix: string) => btoa(prefix + PAN);
    const spellings = [
      PAN.replace(/(\d{4})(?=\d)/g, '$1.'),
      PAN.replace(/(\d{4})(?=\d)/g, '$1  '),
      PAN.replace(/(\d{4})(?=\d)/g, '$1\u00a0'),
      PAN.replace(/(\d)/g, '$1 '),
      [...PAN].map((d) => `\\u003${d}`).join(''),
      [...PAN].map((d, i) => (i % 2 ? d : `\\u003${d}`)).join(''),
      utf16(PAN),
      Array.from(new TextEncoder().encode(PAN), (b) => b.toString(16)).join(''),
      b64(''),
      b64('x'),
      b64('xy'),
      b64('x?').replace(/\+/g, '-').replace(/\//g, '_'),
    ];
    for (const spelled of spellings) {
      const masked = maskCardData(`before ${spelled} after`, { number: PAN });
      expect(masked).not.toContain(spelled);
      expect(masked.startsWith('before ') && masked.endsWith(' after')).toBe(true);
      expect(masked.length).toBe(`before ${spelled} after`.length);
    }
    // Plain and escaped spellings keep their last four digits, as spelled.
    expect(maskCardData(PAN.replace(/(\d{4})(?=\d)/g, '$1.'), { number: PAN })).toBe('****.****.****.5556');
  });

  it('masks the CVC where it stands alone, not inside longer digit runs', () => {
    expect(maskCardData('{"cvc":"123","amount":11234,"x":123}', { number: PAN, cvc: '123' })).toBe(
      '{"cvc":"***","amount":11234,"x":***}',
    );
    expect(maskCardData('nothing here', { number: PAN, cvc: undefined })).toBe('nothing here');
    expect(maskCardData('{"cvc":"\\u0031\\u00323"}', { number: PAN, cvc: '123' })).toBe('{"cvc":"*************"}');
  });
});

describe('sending', () => {
  it('gives up after the timeout with a fixed reason', async () => {
    const started = Date.now();
    const outcome = await sendForward(
      { url: peerUrl(`/slow/3000/${crypto.randomUUID()}`), method: 'GET', headers: [], body: undefined },
      { timeoutMs: 200 },
    );
    expect(outcome).toEqual({ ok: false, reason: 'timeout', status: null });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('stops reading an answer over the cap', async () => {
    const outcome = await sendForward(
      { url: peerUrl(`/big/${crypto.randomUUID()}`), method: 'GET', headers: [], body: undefined },
      { maxResponseBytes: 1000 },
    );
    expect(outcome).toEqual({ ok: false, reason: 'too_large', status: 200 });
  });
});
