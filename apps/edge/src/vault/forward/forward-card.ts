import type { EventRecorder } from '../audit/recorder';
import { type CardSecret, decryptCard, encryptSecret } from '../card-records';
import type { CvcStore } from '../cvc-store';
import type { IdempotencyStore } from '../idempotency';
import { selectCardRecord, selectToken } from '../token-store';
import type { ForwardInput, ForwardOutcome, StoredForward } from '../types';
import type { VaultKeyring } from '../vault-keys';
import { maskCardData } from './mask';
import { FAILURE_DETAIL, type SendOptions, sendForward } from './send';
import { type CardValues, fillTemplate, HEADER_VALUE } from './template';

export interface ForwardDeps {
  storage: DurableObjectStorage;
  keys: VaultKeyring;
  idempotency: IdempotencyStore;
  cvcs: CvcStore;
  events: EventRecorder;
  send?: SendOptions;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A forward inside the vault object, the only place the card is ever decrypted: replay an earlier result, or
 * read the token, fill in the request, audit the attempt, send it, mask the answer, erase the CVC (PCI DSS
 * 3.3.1.2: it is gone after the token's first forward, whether or not that forward used it), and in one
 * transaction write the outcome's audit event and keep the masked result for replays. The attempt's event is
 * written before the card leaves, so a restart during the send cannot leave a use of the card unaudited.
 * Nothing is written when nothing was sent. Callers serialise forwards per token and per Idempotency-Key.
 */
export async function forwardCard(deps: ForwardDeps, input: ForwardInput): Promise<ForwardOutcome> {
  const { storage } = deps;
  const sql = storage.sql;
  const now = nowSeconds();
  const host = new URL(input.request.url).host;

  const earlier = storage.transactionSync(() => replayForward(deps, input, now));
  if (earlier) return earlier;

  const cvc = input.fields.includes('cvc') ? deps.cvcs.get(input.tokenId, now) : undefined;
  const stored = storage.transactionSync(() => {
    const token = selectToken(sql, input.tokenId, now, cvc !== undefined);
    const record = token && selectCardRecord(sql, input.tokenId);
    return token && record ? { token, record } : null;
  });
  // A miss touches no card, so it leaves no event (as for reads).
  if (stored === null) return { ok: false, code: 'not_found' };
  if (input.fields.includes('cvc') && cvc === undefined) return { ok: false, code: 'cvc_unavailable' };

  const keys = await deps.keys.version(stored.record.keyVersion);
  const opened = await decryptCard(keys, input.merchantId, input.tokenId, stored.record.card);
  await moveToCurrentKey(deps, input.merchantId, input.tokenId, stored.record.keyVersion, opened);
  const secret = { ...opened, cvc };
  if (input.fields.includes('name') && secret.name === undefined) {
    return refusedAfterDecrypt(deps, input, host, {
      ok: false,
      code: 'invalid_request',
      param: 'request',
      detail: 'This card has no name on it.',
    });
  }
  const values: CardValues = {
    number: secret.number,
    expMonth: String(stored.token.card.expMonth),
    expYear: String(stored.token.card.expYear),
    ...(secret.cvc === undefined ? {} : { cvc: secret.cvc }),
    ...(secret.name === undefined ? {} : { name: secret.name }),
    // A vault token's charge: exactly the amount and currency the allowance was checked against.
    ...(input.payment === undefined ? {} : { amount: String(input.payment.amount), currency: input.payment.currency }),
  };
  const headers = input.request.headers.map(([name, value]): [string, string] => [
    name,
    fillTemplate(value, values, 'raw'),
  ]);
  if (headers.some(([, value]) => !HEADER_VALUE.test(value))) {
    return refusedAfterDecrypt(deps, input, host, {
      ok: false,
      code: 'invalid_request',
      param: 'request.headers',
      detail: 'A filled-in header value must be ASCII; put {{card.name}} in the body.',
    });
  }
  const { body } = input.request;

  storage.transactionSync(() =>
    deps.events.record({
      action: 'token.forward_attempted',
      tokenId: input.tokenId,
      audit: input.audit,
      forward: { host, status: null },
    }),
  );
  const sent = await sendForward(
    {
      url: input.request.url,
      method: input.request.method,
      headers,
      body: body === undefined ? undefined : fillTemplate(body, values, input.request.bodyEscaping),
    },
    deps.send,
  );

  const mask = (text: string) => maskCardData(text, { number: secret.number, cvc: secret.cvc });
  const outcome: StoredForward['outcome'] = sent.ok
    ? {
        ok: true,
        replayed: false,
        response: {
          status: sent.status,
          headers: Object.fromEntries(sent.headers.map(([name, value]) => [name.toLowerCase(), mask(value)])),
          // Text as the merchant reads it; bytes that are not UTF-8 become U+FFFD.
          body: mask(new TextDecoder().decode(sent.body)),
        },
      }
    : { ok: false, code: 'forward_failed', detail: FAILURE_DETAIL[sent.reason] };

  const audit = { host, status: sent.status };
  const hadCvc = deps.cvcs.has(input.tokenId, nowSeconds());
  deps.cvcs.erase(input.tokenId);
  storage.transactionSync(() => {
    deps.events.record({
      action: 'token.forwarded',
      tokenId: input.tokenId,
      audit: input.audit,
      forward: audit,
      // An answer too large to pass on is a failure whatever its status.
      outcome: sent.ok && sent.status >= 200 && sent.status < 300 ? 'success' : 'failed',
    });
    if (hadCvc) {
      deps.events.record({ action: 'token.cvc_erased', tokenId: input.tokenId, audit: input.audit, detail: 'used' });
    }
    if (input.idempotency) {
      deps.idempotency.remember<StoredForward>(
        'forward',
        input.idempotency,
        { tokenId: input.tokenId, ...audit, outcome },
        input.tokenId,
        now,
      );
    }
  });
  deps.idempotency.sweep(now);
  return outcome;
}

/** The earlier result for this Idempotency-Key, audited, or undefined. Call inside a transaction. */
export function replayForward(deps: ForwardDeps, input: ForwardInput, now: number): ForwardOutcome | undefined {
  if (!input.idempotency) return undefined;
  const earlier = deps.idempotency.recall<StoredForward>('forward', input.idempotency, now);
  if (earlier.kind === 'new') return undefined;
  if (earlier.kind === 'conflict') {
    deps.events.record({ action: 'token.idempotency_conflict', audit: input.audit });
    return { ok: false, code: 'idempotency_conflict' };
  }
  // The token was deleted since: its masked answer went with it.
  if (earlier.kind === 'erased') return { ok: false, code: 'not_found' };
  const { tokenId, host, status, outcome } = earlier.stored;
  deps.events.record({ action: 'token.forward_replayed', tokenId, audit: input.audit, forward: { host, status } });
  return { ...outcome, replayed: true };
}

/**
 * A forward refused after the card was decrypted (it asks for what the card does not have): nothing was sent,
 * but the card was opened, so the refusal is audited.
 */
function refusedAfterDecrypt(
  deps: ForwardDeps,
  input: ForwardInput,
  host: string,
  outcome: ForwardOutcome,
): ForwardOutcome {
  deps.storage.transactionSync(() =>
    deps.events.record({
      action: 'token.forward_refused',
      tokenId: input.tokenId,
      audit: input.audit,
      forward: { host, status: null },
    }),
  );
  return outcome;
}

/**
 * Data-key rotation, lazily: a record read under an older data key version is written again under the current
 * one, in place, while the card is open anyway. Callers hold the token's lock.
 */
async function moveToCurrentKey(
  deps: ForwardDeps,
  merchantId: string,
  tokenId: string,
  version: number,
  card: CardSecret,
): Promise<void> {
  const current = await deps.keys.current();
  if (current.version === version) return;
  const record = await encryptSecret(current, merchantId, tokenId, card);
  deps.storage.sql.exec(
    'UPDATE tokens SET key_version = ?, card_iv = ?, card_ct = ? WHERE id = ? AND key_version = ?',
    current.version,
    record.iv.slice().buffer,
    record.ciphertext.slice().buffer,
    tokenId,
    version,
  );
}
