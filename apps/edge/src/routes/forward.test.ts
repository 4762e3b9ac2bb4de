import { env } from 'cloudflare:workers';
import { type ForwardResponse, isForwardResponse, type TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import {
  createToken,
  DEMO_PK,
  DEMO_SK,
  deleteTokenCall,
  expectNothingWritten,
  expectProblem,
  fieldPageHeaders,
  futureYear,
  getToken,
  OTHER_PK,
  OTHER_SK,
  postToken,
  seal,
  VISA,
  validCard,
} from '../../test/support/edge';
import {
  forwardCall,
  forwardEvents,
  forwardWithEnv,
  peerHost,
  peerId,
  peerUrl,
  received,
} from '../../test/support/forward';
import { checkEdgeLogs } from '../../test/support/logs';

const CVC = '987';
const NAME = 'Ada "The Countess" Lovelace';
const SPACED = '4242 4242 4242 4242';
const DASHED = '4242-4242-4242-4242';

// No card data, sealed blob or key in any line the edge logs (invariant 1).
checkEdgeLogs(
  (line) => {
    for (const secret of [VISA, SPACED, DASHED, 'Lovelace', DEMO_SK]) expect(line).not.toContain(secret);
  },
  // The CVC as a value of its own, anywhere but the numbers a log line may hold by right (status, duration).
  { cvcs: [CVC] },
);

/** A new token, read whole with the secret key (the create answer carries only what a field page shows). */
async function token(card = validCard({ cvc: CVC, name: NAME })): Promise<TokenObject> {
  const res = await createToken(card);
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  return (await (await getToken(id)).json()) as TokenObject;
}

/** A charge as a merchant writes it: JSON with the card filled in, and the number in a header too. */
const charge = (tokenId: string, path: string, extra: Record<string, unknown> = {}) => ({
  token: tokenId,
  request: {
    url: peerUrl(path),
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Card-Number': '{{card.number}}', 'X-Api-Key': 'proc_123' },
    body: '{"number":"{{card.number}}","cvc":"{{card.cvc}}","expMonth":{{card.expMonth}},"expYear":{{card.expYear}},"name":"{{card.name}}","amount":1999}',
    ...extra,
  },
});

async function forwarded(res: Response): Promise<ForwardResponse> {
  expect(res.status).toBe(200);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  const body = await res.json();
  expect(isForwardResponse(body)).toBe(true);
  return body as ForwardResponse;
}

describe('POST /v1/forward: the happy path', () => {
  it('sends the real card to the destination and gives the merchant its answer masked', async () => {
    const tok = await token();
    const id = peerId();
    const res = await forwardCall(charge(tok.id, `/echo/${id}`));
    const requestId = res.headers.get('Request-Id');
    const answer = await forwarded(res);

    const [got, ...more] = await received(id);
    expect(more).toEqual([]);
    expect(got!.method).toBe('POST');
    expect(got!.headers['x-card-number']).toBe(VISA);
    expect(got!.headers['x-api-key']).toBe('proc_123');
    expect(got!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(got!.body)).toEqual({
      number: VISA,
      cvc: CVC,
      expMonth: 12,
      expYear: futureYear(),
      name: NAME, // JSON-escaped on the way, so the quotes in it survive
      amount: 1999,
    });

    expect(answer.status).toBe(200);
    // Only safe headers come back; the cookie, the server name and the echoed number header stay at the edge.
    expect(answer.headers).toEqual({ 'content-type': 'application/json', 'x-request-id': 'req_peer' });
    const text = JSON.stringify(answer);
    for (const secret of [VISA, SPACED, DASHED]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/(?<!\d)987(?!\d)/);
    const echoed = JSON.parse(answer.body) as { body: string; card: { spaced: string; dashed: string } };
    expect(echoed.card).toEqual({ spaced: '**** **** **** 4242', dashed: '****-****-****-4242' });
    expect(JSON.parse(echoed.body)).toMatchObject({ number: '************4242', cvc: '***' });

    // The CVC is erased after the send; the token now says so. The attempt was audited before the card left.
    expect(((await (await getToken(tok.id)).json()) as TokenObject).cvc).toBe('absent');
    const events = await forwardEvents(tok.id);
    expect(events.map((e) => e.action)).toEqual([
      'token.created',
      'token.read',
      'token.forward_attempted',
      'token.forwarded',
      'token.read',
    ]);
    expect(events[2]).toEqual({
      action: 'token.forward_attempted',
      token_id: tok.id,
      host: peerHost(),
      status: null,
      request_id: requestId,
    });
    expect(events[3]).toEqual({
      action: 'token.forwarded',
      token_id: tok.id,
      host: peerHost(),
      status: 200,
      request_id: requestId,
    });
  });

  it("masks the card number and the CVC in the destination's answer headers too", async () => {
    const tok = await token();
    const id = peerId();
    const body = charge(tok.id, `/reflect/${id}`, {
      headers: { 'X-Card-Number': '{{card.number}}', 'X-Card-Cvc': '{{card.cvc}}' },
      body: undefined,
      method: 'POST',
    });
    const answer = await forwarded(await forwardCall(body));
    const [got] = await received(id);
    // The destination really had both, and really sent them back.
    expect([got!.headers['x-card-number'], got!.headers['x-card-cvc']]).toEqual([VISA, CVC]);
    expect(answer.status).toBe(201);
    expect(answer.headers).toEqual({
      'content-type': 'application/json',
      location: '/cards/************4242?cvc=***',
      'x-request-id': '**** **** **** 4242',
      'content-language': '***-x',
    });
  });

  it("passes the destination's own status on, and does not follow redirects", async () => {
    const tok = await token();
    const declined = await forwarded(await forwardCall(charge(tok.id, `/status/402/${peerId()}`, { body: '{}' })));
    expect(declined.status).toBe(402);
    expect(JSON.parse(declined.body)).toEqual({ error: { code: 'card_declined' } });

    const id = peerId();
    const redirected = await forwarded(await forwardCall(charge(tok.id, `/redirect/${id}`, { body: '{}' })));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.location).toBe(`/echo/followed-${id}`);
    expect(await received(`followed-${id}`)).toEqual([]);
    expect(await received(id)).toHaveLength(1);
  });

  it('escapes the name in an XML body so it cannot close the element around it', async () => {
    const tok = await token(validCard({ cvc: CVC, name: '</name><amount>1</amount>' }));
    const id = peerId();
    const body = '<charge><number>{{card.number}}</number><name>{{card.name}}</name><amount>1999</amount></charge>';
    await forwarded(
      await forwardCall(charge(tok.id, `/echo/${id}`, { headers: { 'Content-Type': 'application/xml' }, body })),
    );
    const [got] = await received(id);
    expect(got!.body).toBe(
      `<charge><number>${VISA}</number><name>&lt;/name&gt;&lt;amount&gt;1&lt;/amount&gt;</name><amount>1999</amount></charge>`,
    );
  });

  it('percent-encodes values in a form body and leaves other bodies as they are', async () => {
    const tok = await token(validCard({ name: 'Zoë & Co' }));
    const id = peerId();
    await forwarded(
      await forwardCall({
        token: tok.id,
        request: {
          url: peerUrl(`/echo/${id}`),
          method: 'PUT',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'number={{card.number}}&name={{card.name}}&exp={{card.expMonth}}%2F{{card.expYear}}',
        },
      }),
    );
    const [form] = await received(id);
    expect(form!.method).toBe('PUT');
    expect(Object.fromEntries(new URLSearchParams(form!.body))).toEqual({
      number: VISA,
      name: 'Zoë & Co',
      exp: `12/${futureYear()}`,
    });
  });
});

describe('POST /v1/forward: the CVC is forwarded once (PCI DSS 3.3.1.2)', () => {
  it('refuses a second forward that asks for the CVC, and still forwards without it', async () => {
    const tok = await token();
    await forwarded(await forwardCall(charge(tok.id, `/echo/${peerId()}`)));
    const id = peerId();
    await expectProblem(await forwardCall(charge(tok.id, `/echo/${id}`)), 'cvc_unavailable');
    expect(await received(id)).toEqual([]);
    const { cvc: _, ...withoutCvc } = { cvc: 1, body: '{"number":"{{card.number}}"}' };
    await forwarded(await forwardCall(charge(tok.id, `/echo/${id}`, withoutCvc)));
    expect(await received(id)).toHaveLength(1);
  });

  it('erases the CVC after any first forward, even one that did not use it', async () => {
    const tok = await token();
    expect(tok.cvc).toBe('present');
    await forwarded(await forwardCall(charge(tok.id, `/echo/${peerId()}`, { body: '{}' })));
    expect(((await (await getToken(tok.id)).json()) as TokenObject).cvc).toBe('absent');
  });

  it('sends the CVC once even to concurrent forwards of the same token', async () => {
    const tok = await token();
    const id = peerId();
    const answers = await Promise.all([1, 2, 3].map(() => forwardCall(charge(tok.id, `/echo/${id}`))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
    const sent = await received(id);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body).cvc).toBe(CVC);
  });

  it('gives a token tokenized without a CVC cvc_unavailable, sending nothing', async () => {
    const { cvc: _, ...noCvc } = validCard({ name: NAME });
    const tok = await token(noCvc);
    const id = peerId();
    await expectNothingWritten(async () =>
      expectProblem(await forwardCall(charge(tok.id, `/echo/${id}`)), 'cvc_unavailable'),
    );
    expect(await received(id)).toEqual([]);
  });
});

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

describe('POST /v1/forward: Idempotency-Key', () => {
  it('replays the first (masked) result for the same bytes, sends once, and refuses other bytes with 409', async () => {
    const tok = await token();
    const id = peerId();
    const body = JSON.stringify(charge(tok.id, `/echo/${id}`));
    const first = await forwardCall(body, { idempotencyKey: `fwd-${id}` });
    const firstAnswer = await forwarded(first);
    const again = await forwardCall(body, { idempotencyKey: `fwd-${id}` });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await forwarded(again)).toEqual(firstAnswer);
    expect(await received(id)).toHaveLength(1);

    await expectProblem(
      await forwardCall(JSON.stringify(charge(tok.id, `/echo/${id}`, { body: '{}' })), { idempotencyKey: `fwd-${id}` }),
      'idempotency_conflict',
    );
    expect(await received(id)).toHaveLength(1);
    const events = (await forwardEvents()).filter((e) => e.token_id === tok.id || e.token_id === null);
    expect(events.slice(-3).map((e) => [e.action, e.host, e.status])).toEqual([
      ['token.forwarded', peerHost(), 200],
      ['token.forward_replayed', peerHost(), 200],
      ['token.idempotency_conflict', null, null],
    ]);
    // What is kept for replays is the masked answer only.
    const { runInDurableObject } = await import('cloudflare:test');
    const stored = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql.exec("SELECT * FROM idempotency WHERE scope = 'forward' AND key = ?", `fwd-${id}`).one(),
    );
    for (const secret of [VISA, SPACED, DASHED]) expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('keeps no copy of a deleted token: a replayed forward answers 404 and its masked answer is gone', async () => {
    const tok = await token();
    const id = peerId();
    const body = JSON.stringify(charge(tok.id, `/echo/${id}`));
    await forwarded(await forwardCall(body, { idempotencyKey: `gone-${id}` }));
    expect((await deleteTokenCall(tok.id)).status).toBe(200);
    await expectProblem(await forwardCall(body, { idempotencyKey: `gone-${id}` }), 'not_found');
    expect(await received(id)).toHaveLength(1);
    const { runInDurableObject } = await import('cloudflare:test');
    const stored = await runInDurableObject(env.VAULT.get(env.VAULT.idFromName('demo')), (_, state) =>
      state.storage.sql.exec("SELECT result FROM idempotency WHERE scope = 'forward' AND key = ?", `gone-${id}`).one(),
    );
    expect(stored).toEqual({ result: '{"erased":true}' });
  });

  it('serves concurrent duplicates one after another: one send, one result', async () => {
    const tok = await token();
    const id = peerId();
    const body = JSON.stringify(charge(tok.id, `/echo/${id}`));
    const answers = await Promise.all([1, 2, 3].map(() => forwardCall(body, { idempotencyKey: `dup-${id}` })));
    const results = await Promise.all(answers.map(forwarded));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(2);
    expect(await received(id)).toHaveLength(1);
  });
});

describe('POST /v1/forward: when the destination fails', () => {
  it('answers 502 forward_failed for an answer over 1 MB, audits it and erases the CVC', async () => {
    const tok = await token();
    const res = await forwardCall(charge(tok.id, `/big/${peerId()}`));
    await expectProblem(res, 'forward_failed');
    const events = await forwardEvents(tok.id);
    expect(events.at(-1)).toMatchObject({ action: 'token.forwarded', host: peerHost(), status: 200 });
    expect(((await (await getToken(tok.id)).json()) as TokenObject).cvc).toBe('absent');
  });

  it('answers 502 forward_failed when nothing listens, and replays that for the same key', async () => {
    const tok = await token();
    const merchants = (JSON.parse(env.TESSERA_MERCHANTS) as { forwardHosts: string[] }[]).map((m) => ({
      ...m,
      forwardHosts: ['127.0.0.1:9'],
    }));
    const change = { TESSERA_MERCHANTS: JSON.stringify(merchants) };
    const body = JSON.stringify(charge(tok.id, '', { url: 'http://127.0.0.1:9/charge' }));
    const problem = await expectProblem(
      await forwardWithEnv(change, body, { idempotencyKey: `down-${tok.id}` }),
      'forward_failed',
    );
    expect(problem.detail).toBe('The destination could not be reached.');
    const again = await forwardWithEnv(change, body, { idempotencyKey: `down-${tok.id}` });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    await expectProblem(again, 'forward_failed');
    expect((await forwardEvents(tok.id)).at(-2)).toMatchObject({ host: '127.0.0.1:9', status: null });
  });
});
