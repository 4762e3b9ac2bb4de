import { MAX_BODY_BYTES } from '@tessera/protocol';
import { CompactEncrypt, generateKeyPair, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  AMEX,
  DEMO_PK,
  DEMO_SK,
  EDGE,
  expectNothingWritten,
  expectProblem,
  fieldPageHeaders,
  futureYear,
  OTHER_PK,
  postToken,
  publishableKeyHash,
  seal,
  sealKeys,
  VISA,
  validCard,
} from '../../test/support/edge';
import { checkEdgeLogs } from '../../test/support/logs';

// Every bad create is a 4xx problem with a stable code, echoes no card data and writes nothing (invariant 4).

const CVC = '987';
const goodBody = async () => JSON.stringify({ sealed: await seal(validCard({ cvc: CVC })) });
const secrets = [VISA, CVC];

// A refusal logs no more of the card than a success does: every card these tests seal, valid or not, and every
// CVC, stays out of every log line (invariant 1), as do the sealed blobs and the keys.
checkEdgeLogs(
  (line) => {
    for (const value of ['4242abcd42424242', '42424242', 'eyJ', DEMO_PK, DEMO_SK, '"cvc"', '"number"']) {
      expect(line).not.toContain(value);
    }
  },
  { cvcs: [CVC, '98', '9a7', '1234'] },
);

describe('POST /v1/tokens refuses, in order, and writes nothing', () => {
  it('a body that is not declared JSON (415)', async () => {
    const headers = { ...fieldPageHeaders(), 'Content-Type': 'text/plain' };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'unsupported_media_type', { secrets });
  });

  it('a missing Content-Type (415)', async () => {
    const { 'Content-Type': _, ...headers } = fieldPageHeaders();
    const res = await expectNothingWritten(async () => postToken(new Blob([await goodBody()]).stream(), headers));
    await expectProblem(res, 'unsupported_media_type');
  });

  it('a body over 16 KB by Content-Length (413), before looking at the key', async () => {
    const body = JSON.stringify({ sealed: 'x'.repeat(MAX_BODY_BYTES) });
    const headers = { ...fieldPageHeaders(), Authorization: 'Bearer pk_test_nobody' };
    const res = await expectNothingWritten(() => postToken(body, headers));
    await expectProblem(res, 'payload_too_large');
  });

  it('a streamed body without Content-Length that passes 16 KB (413)', async () => {
    const chunk = new TextEncoder().encode(`{"sealed":"${'a'.repeat(4096)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES * 2) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await expectNothingWritten(() => postToken(stream));
    await expectProblem(res, 'payload_too_large');
  });

  it('a body of exactly 16 KB is read (and then judged on its content)', async () => {
    const body = JSON.stringify({ sealed: 'a'.repeat(MAX_BODY_BYTES - 13) });
    expect(new TextEncoder().encode(body).byteLength).toBe(MAX_BODY_BYTES);
    const res = await expectNothingWritten(() => postToken(body));
    await expectProblem(res, 'invalid_request', { param: 'sealed' });
  });

  it('a missing key (401)', async () => {
    const { Authorization: _, ...headers } = fieldPageHeaders();
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'unauthorized', { secrets });
  });

  it('an unknown key (401)', async () => {
    const headers = { ...fieldPageHeaders(), Authorization: 'Bearer pk_test_not_a_merchant' };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'unauthorized', { secrets });
  });

  it('a key in the wrong scheme (401)', async () => {
    const headers = { ...fieldPageHeaders(), Authorization: `Basic ${DEMO_PK}` };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'unauthorized');
  });

  it('a secret key on the browser route (403 wrong_key_type)', async () => {
    const headers = { ...fieldPageHeaders(), Authorization: `Bearer ${DEMO_SK}` };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'wrong_key_type', { secrets });
  });

  it('a cross-origin Origin (403 forbidden_origin)', async () => {
    const headers = { ...fieldPageHeaders(), Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'cross-site' };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'forbidden_origin', { secrets });
  });

  it('the right Origin but Sec-Fetch-Site: cross-site (403)', async () => {
    const headers = { ...fieldPageHeaders(), 'Sec-Fetch-Site': 'cross-site' };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'forbidden_origin', { secrets });
  });

  it('Sec-Fetch-Site: same-site (403): a sibling subdomain is not the edge', async () => {
    const headers = { ...fieldPageHeaders(), 'Sec-Fetch-Site': 'same-site' };
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'forbidden_origin');
  });

  it('no Origin at all (403), even with a same-origin Sec-Fetch-Site', async () => {
    const { Origin: _, ...headers } = fieldPageHeaders();
    const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
    await expectProblem(res, 'forbidden_origin', { secrets });
  });

  it('an Origin that differs only by scheme or port (403)', async () => {
    for (const origin of ['http://edge.test', 'https://edge.test:8443', `${EDGE}.evil`]) {
      const headers = { ...fieldPageHeaders(), Origin: origin };
      const res = await expectNothingWritten(async () => postToken(await goodBody(), headers));
      await expectProblem(res, 'forbidden_origin');
    }
  });

  it('malformed JSON (400 invalid_json), without quoting it', async () => {
    const res = await expectNothingWritten(() => postToken(`{"sealed": "${VISA}`));
    await expectProblem(res, 'invalid_json', { secrets: [VISA] });
  });

  it('bytes that are not UTF-8 (400 invalid_json)', async () => {
    const res = await expectNothingWritten(() => postToken(new Blob([new Uint8Array([0x7b, 0xff, 0x7d])]).stream()));
    await expectProblem(res, 'invalid_json');
  });

  it.each([
    ['not an object', '[]', 'body'],
    ['no sealed', '{}', 'sealed'],
    ['sealed not a string', '{"sealed": 42}', 'sealed'],
    ['sealed not JWE-shaped', '{"sealed": "abc"}', 'sealed'],
    ['an unknown member, not echoed', `{"sealed": "a.b.c.d.e", "${VISA}": 1}`, 'body'],
    ['the card in the clear', JSON.stringify({ card: validCard() }), 'body'],
    ['expiresAt not an integer', '{"sealed": "a.b.c.d.e", "expiresAt": 1.5}', 'expiresAt'],
  ])('a body with %s (400 invalid_request)', async (_, body, param) => {
    const res = await expectNothingWritten(() => postToken(body));
    await expectProblem(res, 'invalid_request', { param, secrets: [VISA] });
  });

  it('expiresAt in the past or beyond a year (400 invalid_request)', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const expiresAt of [now - 10, now + 366 * 24 * 3600]) {
      const body = JSON.stringify({ sealed: await seal(validCard()), expiresAt });
      const res = await expectNothingWritten(() => postToken(body));
      await expectProblem(res, 'invalid_request', { param: 'expiresAt' });
    }
  });

  it('a card sealed to a key the edge does not hold (400 unknown_seal_key)', async () => {
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const sealed = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(validCard({ cvc: CVC }))))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'seal_not_ours' })
      .encrypt(publicKey);
    const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed })));
    await expectProblem(res, 'unknown_seal_key', { secrets });
  });

  it('a card sealed to another key under our kid (400 invalid_sealed_card)', async () => {
    const [ours] = await sealKeys();
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const sealed = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(validCard({ cvc: CVC }))))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: ours!.kid! })
      .encrypt(publicKey);
    const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed })));
    await expectProblem(res, 'invalid_sealed_card', { secrets });
  });

  it('a sealed card with a flipped ciphertext bit, or another algorithm, has the same one answer', async () => {
    const sealed = await seal(validCard({ cvc: CVC }));
    const parts = sealed.split('.');
    const ct = parts[3]!;
    parts[3] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
    const [ours] = await sealKeys();
    const a128 = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(validCard())))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', kid: ours!.kid! })
      .encrypt(await importJWK(ours as JWK, 'ECDH-ES'));
    const details = new Set<string>();
    for (const bad of [parts.join('.'), a128, sealed.replace(/^[^.]+/, 'e30')]) {
      const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed: bad })));
      const problem = await expectProblem(res, 'invalid_sealed_card', { secrets });
      details.add(JSON.stringify({ ...problem, instance: undefined }));
    }
    expect(details.size).toBe(1);
  });

  it.each([
    ['sealed for another publishable key', { pkh: 'other' }],
    ['with no key binding', { pkh: undefined }],
    ['with no sealing time', { iat: undefined }],
    ['sealed eleven minutes ago', { iat: -11 * 60 }],
    ['sealed three minutes in the future', { iat: 3 * 60 }],
    ['with a sealing time that is not a number', { iat: '1700000000' }],
  ])('a card %s (400 invalid_sealed_card): a sealed card is bound to its key and time', async (_, change) => {
    const now = Math.floor(Date.now() / 1000);
    const header: Record<string, unknown> = {};
    if ('pkh' in change) header.pkh = change.pkh === 'other' ? await publishableKeyHash(OTHER_PK) : undefined;
    if ('iat' in change) header.iat = typeof change.iat === 'number' ? now + change.iat : change.iat;
    const sealed = await seal(validCard({ cvc: CVC }), { header });
    const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed })));
    await expectProblem(res, 'invalid_sealed_card', { secrets });
  });

  it('a card sealed for the demo key and posted by the other merchant (400): a leaked sealed card is no use', async () => {
    const sealed = await seal(validCard({ cvc: CVC }));
    const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed }), fieldPageHeaders(OTHER_PK)));
    await expectProblem(res, 'invalid_sealed_card', { secrets });
  });

  it('takes a card sealed nine minutes ago or one minute ahead (the clock skew it allows)', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const iat of [now - 9 * 60, now + 60]) {
      const sealed = await seal(validCard({ cvc: CVC }), { header: { iat } });
      expect((await postToken(JSON.stringify({ sealed }))).status).toBe(200);
    }
  });

  it('a compressed sealed card (400 invalid_sealed_card), never inflated', async () => {
    // 200 KB of JSON whitespace deflates to a few hundred bytes: well under the 16 KB request limit.
    const padded = `{"number":"${VISA}","expMonth":12,"expYear":${futureYear()}${' '.repeat(200_000)}}`;
    const sealed = await seal(null, { raw: new TextEncoder().encode(padded), header: { zip: 'DEF' } });
    expect(sealed.length).toBeLessThan(MAX_BODY_BYTES);
    const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed })));
    await expectProblem(res, 'invalid_sealed_card', { secrets: [VISA] });
  });

  it('a sealed plaintext that is not JSON (400 invalid_sealed_card)', async () => {
    const sealed = await seal(null, { raw: new TextEncoder().encode(`number=${VISA}`) });
    const res = await expectNothingWritten(() => postToken(JSON.stringify({ sealed })));
    await expectProblem(res, 'invalid_sealed_card', { secrets: [VISA] });
  });

  it.each([
    ['failing Luhn', { number: '4242424242424241' }, 'invalid_card_number', 'number'],
    ['with letters', { number: '4242abcd42424242' }, 'invalid_card_number', 'number'],
    ['too short', { number: '42424242' }, 'invalid_card_number', 'number'],
    ['expired last year', { expMonth: 1, expYear: new Date().getUTCFullYear() - 1 }, 'invalid_expiry', 'expYear'],
    ['with month 13', { expMonth: 13 }, 'invalid_expiry', 'expMonth'],
    ['with a short CVC', { cvc: '98' }, 'invalid_cvc', 'cvc'],
    ['with a 3-digit CVC on amex', { number: AMEX, cvc: '987' }, 'invalid_cvc', 'cvc'],
    ['with letters in the CVC', { cvc: '9a7' }, 'invalid_cvc', 'cvc'],
  ])('a sealed card %s (400, its rule code)', async (_, change, code, param) => {
    const card = { ...validCard({ cvc: CVC }), ...change };
    const res = await expectNothingWritten(async () => postToken(JSON.stringify({ sealed: await seal(card) })));
    const values = [card.number, String(card.cvc)];
    await expectProblem(res, code as 'invalid_cvc', { param, secrets: values });
  });

  it('a sealed card with an unknown member (400 invalid_request)', async () => {
    const card = { ...validCard(), pin: '1234' };
    const res = await expectNothingWritten(async () => postToken(JSON.stringify({ sealed: await seal(card) })));
    await expectProblem(res, 'invalid_request', { secrets: [VISA, '1234'] });
  });

  it('keeps the order: a bad key is refused before a bad origin, a bad origin before bad JSON', async () => {
    const badKeyAndOrigin = { ...fieldPageHeaders(), Authorization: 'Bearer nope', Origin: 'https://evil.test' };
    await expectProblem(await postToken('{', badKeyAndOrigin), 'unauthorized');
    await expectProblem(
      await postToken('{', { ...fieldPageHeaders(), Origin: 'https://evil.test' }),
      'forbidden_origin',
    );
  });
});
