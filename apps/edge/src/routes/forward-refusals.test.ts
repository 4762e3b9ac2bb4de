import { env } from 'cloudflare:workers';
import type { TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PK,
  expectNothingWritten,
  expectProblem,
  fieldPageHeaders,
  getToken,
  OTHER_PK,
  OTHER_SK,
  postToken,
  seal,
  VISA,
  validCard,
} from '../../test/support/edge';
import {
  CVC,
  charge,
  checkForwardLogs,
  forwardCall,
  forwardEvents,
  forwarded,
  forwardWithEnv,
  peerHost,
  peerId,
  peerUrl,
  received,
  token,
} from '../../test/support/forward';

checkForwardLogs();

// POST /v1/forward: every refusal sends nothing, and writes nothing but what it must.

describe('POST /v1/forward: refusals send nothing and write nothing', () => {
  it('refuses a publishable key (403) and no key (401)', async () => {
    const tok = await token();
    await expectProblem(await forwardCall(charge(tok.id, '/echo/x'), { sk: DEMO_PK }), 'wrong_key_type');
    await expectProblem(await forwardCall(charge(tok.id, '/echo/x'), { sk: 'sk_test_nobody' }), 'unauthorized');
  });

  it("answers 404 for another merchant's token and for ids that cannot exist", async () => {
    const tok = await token();
    const id = peerId();
    await expectNothingWritten(async () => {
      await expectProblem(await forwardCall(charge(tok.id, `/echo/${id}`), { sk: OTHER_SK }), 'not_found');
      await expectProblem(await forwardCall(charge('tok_nope', `/echo/${id}`)), 'not_found');
      await expectProblem(await forwardCall(charge(`tok_${'a'.repeat(22)}`, `/echo/${id}`)), 'not_found');
    });
    expect(await received(id)).toEqual([]);
    // The other merchant's own token forwards fine with its own key.
    const res = await postToken(
      JSON.stringify({ sealed: await seal(validCard(), { pk: OTHER_PK }) }),
      fieldPageHeaders(OTHER_PK),
    );
    const theirs = (await res.json()) as TokenObject;
    await forwarded(await forwardCall(charge(theirs.id, `/echo/${id}`, { body: '{}' }), { sk: OTHER_SK }));
  });

  it('refuses hosts off the allow-list with 403 forbidden_host', async () => {
    const tok = await token();
    await expectNothingWritten(async () => {
      for (const url of [
        'https://api.processor.test/charge',
        `http://127.0.0.1:1/charge`,
        `http://[::1]:${peerHost().split(':')[1]}/charge`,
        `http://2130706433:${peerHost().split(':')[1]}/charge`.replace('2130706433', '127.0.0.2'),
      ]) {
        await expectProblem(await forwardCall(charge(tok.id, '', { url })), 'forbidden_host');
      }
    });
  });

  it('outside development refuses loopback, http and IP literals even when listed', async () => {
    const tok = await token();
    const merchants = (JSON.parse(env.TESSERA_MERCHANTS) as { forwardHosts: string[] }[]).map((m) => ({
      ...m,
      forwardHosts: [...m.forwardHosts, 'api.processor.test', '203.0.113.5'],
    }));
    const production = { TESSERA_ENVIRONMENT: 'production', TESSERA_MERCHANTS: JSON.stringify(merchants) };
    const id = peerId();
    await expectNothingWritten(async () => {
      for (const url of [peerUrl(`/echo/${id}`), 'http://api.processor.test/charge', 'https://203.0.113.5/charge']) {
        await expectProblem(await forwardWithEnv(production, charge(tok.id, '', { url })), 'forbidden_host');
      }
      // Anything but exactly "development" is production.
      await expectProblem(
        await forwardWithEnv({ TESSERA_ENVIRONMENT: 'dev' }, charge(tok.id, `/echo/${id}`)),
        'forbidden_host',
      );
    });
    expect(await received(id)).toEqual([]);
  });

  it.each([
    ['Host', { Host: 'evil.test' }],
    ['Content-Length', { 'Content-Length': '5' }],
    ['a cf-* header', { 'CF-Connecting-IP': '203.0.113.9' }],
    ['a cf-* header in other case', { 'cf-worker': 'x' }],
    ['Connection', { Connection: 'close' }],
    ['Transfer-Encoding', { 'Transfer-Encoding': 'chunked' }],
    ['Keep-Alive', { 'Keep-Alive': 'timeout=5' }],
    ['Upgrade', { Upgrade: 'websocket' }],
    ['TE', { TE: 'trailers' }],
    ['Trailer', { Trailer: 'X-A' }],
    ['Expect', { Expect: '100-continue' }],
    ['Proxy-Authorization', { 'Proxy-Authorization': 'Basic eA==' }],
    ['Proxy-Connection', { 'Proxy-Connection': 'close' }],
    ['33 headers', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`X-H${i}`, 'v']))],
    ['one name twice in two cases', { 'X-Dup': 'a', 'x-dup': 'b' }],
  ])('refuses %s among the headers (400 request.headers), sending nothing', async (_, headers) => {
    const tok = await token();
    const id = peerId();
    const body = charge(tok.id, `/echo/${id}`, { headers: { 'Content-Type': 'application/json', ...headers } });
    await expectNothingWritten(async () =>
      expectProblem(await forwardCall(body), 'invalid_request', { param: 'request.headers', secrets: [VISA] }),
    );
    expect(await received(id)).toEqual([]);
  });

  it('takes 32 headers, the most it allows', async () => {
    const tok = await token();
    const id = peerId();
    const headers = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`X-H${i}`, 'v']));
    const body = charge(tok.id, `/echo/${id}`, { headers: { 'Content-Type': 'application/json', ...headers } });
    expect((await forwardCall(body)).status).toBe(200);
    expect(await received(id)).toHaveLength(1);
  });

  it('refuses {{card.name}} for a card tokenized without a name, sending nothing and keeping the CVC', async () => {
    const tok = await token(validCard({ cvc: CVC }));
    const id = peerId();
    const body = charge(tok.id, `/echo/${id}`, { body: '{"holder":"{{card.name}}"}' });
    await expectProblem(await forwardCall(body), 'invalid_request', { param: 'request', secrets: [VISA] });
    expect(await received(id)).toEqual([]);
    expect(((await (await getToken(tok.id)).json()) as TokenObject).cvc).toBe('present');
    // The card was opened to find that out, so the refusal is audited.
    expect((await forwardEvents(tok.id)).map((e) => e.action)).toContain('token.forward_refused');
  });

  it('refuses bad bodies with 400 invalid_request naming the field, never its value', async () => {
    const tok = await token();
    const id = peerId();
    const bad: [unknown, string][] = [
      [{ token: tok.id }, 'request'],
      [{ ...charge(tok.id, `/echo/${id}`), extra: VISA }, 'body'],
      [{ token: tok.id, request: { ...charge(tok.id, `/echo/${id}`).request, [VISA]: 1 } }, 'request'],
      [charge(tok.id, `/echo/${id}`, { method: 'TRACE' }), 'request.method'],
      [charge(tok.id, `/echo/${id}`, { url: 'not a url' }), 'request.url'],
      [charge(tok.id, `/echo/${id}`, { url: 'ftp://127.0.0.1/x' }), 'request.url'],
      [charge(tok.id, `/echo/${id}?pan={{card.number}}`), 'request.url'],
      [charge(tok.id, `/echo/${id}`, { body: '{"n":"{{card.numbr}}"}' }), 'request.body'],
      [charge(tok.id, `/echo/${id}`, { body: '{"n":"{{ card.number }}"}' }), 'request.body'],
      [charge(tok.id, `/echo/${id}`, { body: '{"n":{{card.number}}}' }), 'request.body'],
      [charge(tok.id, `/echo/${id}`, { body: '{"n":"x"' }), 'request.body'],
      [charge(tok.id, `/echo/${id}`, { method: 'GET' }), 'request.body'],
      [charge(tok.id, `/echo/${id}`, { headers: { 'X-Pan': '{{card.pan}}' } }), 'request.headers'],
      [charge(tok.id, `/echo/${id}`, { headers: { Host: 'evil.test' } }), 'request.headers'],
      [charge(tok.id, `/echo/${id}`, { headers: { 'X-A': 'a\r\nX-B: b' } }), 'request.headers'],
      [charge(tok.id, `/echo/${id}`, { headers: { 'Bad Name': 'x' } }), 'request.headers'],
      [charge(tok.id, `/echo/${id}`, { headers: { 'X-N': 4242 } }), 'request.headers'],
      // The name can close the syntax around it: only JSON, form and XML bodies, which escape it, may hold it.
      [charge(tok.id, `/echo/${id}`, { headers: { 'X-Holder': '{{card.name}}' } }), 'request.headers'],
      [
        charge(tok.id, `/echo/${id}`, { headers: { 'Content-Type': 'text/plain' }, body: 'holder={{card.name}}' }),
        'request.body',
      ],
    ];
    await expectNothingWritten(async () => {
      for (const [body, param] of bad) {
        await expectProblem(await forwardCall(body), 'invalid_request', { param, secrets: [VISA] });
      }
      await expectProblem(await forwardCall('{"token":'), 'invalid_json');
      await expectProblem(
        await forwardCall(charge(tok.id, `/echo/${id}`), { headers: { 'Content-Type': 'text/plain' } }),
        'unsupported_media_type',
      );
      await expectProblem(
        await forwardCall(charge(tok.id, `/echo/${id}`, { body: 'x'.repeat(17_000) })),
        'payload_too_large',
      );
    });
    expect(await received(id)).toEqual([]);
  });
});
