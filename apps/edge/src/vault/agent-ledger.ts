import { DurableObject } from 'cloudflare:workers';
import type { DelegateInput } from './agent-tokens/delegate';
import { type IdempotencyRequest, IdempotencyStore } from './idempotency';

/** What `POST /agentic_commerce/delegate_payment` answers on success (ACP's DelegatePaymentResponse). */
export interface DelegatedPayment {
  id: string;
  created: string;
  metadata: Record<string, string>;
}

export type LedgerOutcome =
  | { kind: 'created' | 'replay'; result: DelegatedPayment }
  | { kind: 'conflict' }
  | { kind: 'in_flight' };

const ACP_RULES = { 'acp.delegate': { ttlSeconds: 24 * 60 * 60, whileInFlight: 'refuse' } } as const;

/**
 * One agent platform's ledger (`idFromName(agentId)`): its Idempotency-Keys of delegate_payment, scoped as ACP
 * says to the authenticated platform and the endpoint (so one key reused for another merchant is a conflict,
 * which per-merchant vaults alone could not see), and which merchant's vault holds each vault token it made.
 */
export class AgentLedger extends DurableObject<Env> {
  readonly #sql: SqlStorage;
  readonly #idempotency: IdempotencyStore<'acp.delegate'>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#idempotency = new IdempotencyStore(this.#sql, ACP_RULES);
    void ctx.blockConcurrencyWhile(async () => {
      this.#sql.exec(`
CREATE TABLE IF NOT EXISTS idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  body_digest TEXT NOT NULL,
  result TEXT NOT NULL,
  token_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vault_tokens (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);`);
    });
  }

  /**
   * Delegates a card once per Idempotency-Key: the first request vaults it in the merchant's vault; a duplicate
   * in flight is refused, a finished one replays its answer, the same key with other bytes is a conflict. A
   * failure is not kept, so the platform's retry with the same key runs again.
   */
  async delegate(input: DelegateInput, idempotency: IdempotencyRequest): Promise<LedgerOutcome> {
    const outcome = await this.#idempotency.serialize('acp.delegate', idempotency, async (): Promise<LedgerOutcome> => {
      const now = Math.floor(Date.now() / 1000);
      const earlier = this.#idempotency.recall<DelegatedPayment>('acp.delegate', idempotency, now);
      if (earlier.kind === 'conflict') return { kind: 'conflict' };
      if (earlier.kind === 'replay') return { kind: 'replay', result: earlier.stored };
      const vault = this.env.VAULT.get(this.env.VAULT.idFromName(input.merchantId));
      const { id, created } = await vault.delegateCard(input);
      const result: DelegatedPayment = {
        id,
        created: new Date(created * 1000).toISOString(),
        metadata: { ...input.metadata, merchant_id: input.merchantId, idempotency_key: idempotency.key },
      };
      this.ctx.storage.transactionSync(() => {
        this.#idempotency.remember('acp.delegate', idempotency, result, id, now);
        this.#sql.exec(
          'INSERT INTO vault_tokens (id, merchant_id, created_at) VALUES (?, ?, ?)',
          id,
          input.merchantId,
          now,
        );
      });
      const alarm = await this.ctx.storage.getAlarm();
      if (alarm === null) await this.ctx.storage.setAlarm((now + ACP_RULES['acp.delegate'].ttlSeconds) * 1000);
      return { kind: 'created', result };
    });
    return 'kind' in outcome && outcome.kind === 'in_flight' ? { kind: 'in_flight' } : outcome;
  }

  /** The merchant whose vault holds one of this platform's vault tokens; null when it made no such token. */
  async merchantOf(id: string): Promise<string | null> {
    return (
      this.#sql.exec<{ merchant_id: string }>('SELECT merchant_id FROM vault_tokens WHERE id = ?', id).toArray()[0]
        ?.merchant_id ?? null
    );
  }

  /** Forgets Idempotency-Keys past their day. */
  override async alarm(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    this.#idempotency.sweep(now);
    const next = this.#idempotency.nextExpiry();
    if (next !== null) await this.ctx.storage.setAlarm(next * 1000);
  }
}
