// What the abuse record keeps, and how it is spread; no Durable Object code, so the worker may import it.

/** How long a refused request is kept. */
export const ABUSE_RETENTION_SECONDS = 30 * 24 * 60 * 60;
/** How many objects share the record: a flood from many addresses spreads over them, never one global object. */
export const ABUSE_SHARDS = 64;

export interface Refusal {
  /** HMAC-SHA-256 (hex) of the client address under a key of the deployment: who, without keeping the address. */
  clientHash: string;
  method: string;
  route: string;
  code: string;
  requestId: string;
}
