import type { VaultTokenObject } from '@tessera/protocol';
import { isObjectOf } from './guards';

const STATUSES: ReadonlySet<string> = new Set<VaultTokenObject['status']>(['active', 'consumed', 'revoked', 'expired']);

/** A vault token as `GET /v1/vault_tokens/:id` answers it: `object` and a status the client knows. */
export const isVaultTokenObject = (value: unknown): value is VaultTokenObject =>
  isObjectOf<VaultTokenObject>('vault_token')(value) && STATUSES.has(value.status);
