import type { TokenObject } from '@tessera/protocol';
import { describe, expect, it } from 'vitest';
import { expectNothingWritten, expectProblem, futureYear, getToken, VISA, validCard } from '../../test/support/edge';
import {
  CVC,
  charge,
  checkForwardLogs,
  DASHED,
  forwardCall,
  forwardEvents,
  forwarded,
  NAME,
  peerHost,
  peerId,
  peerUrl,
  received,
  SPACED,
  token,
} from '../../test/support/forward';

checkForwardLogs();

// POST /v1/forward: what reaches the destination and what comes back; the CVC sent once.

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
      'token.cvc_erased',
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
