import type { VaultTokenObject } from '@tessera/protocol';
import type { HttpClient, PostOptions } from '../http/http-client';
import { isVaultTokenObject } from '../types/vault-tokens';
import { segment } from './path';

const PATH = '/v1/vault_tokens';

/**
 * `tessera.vaultTokens`: the vault tokens (`vt_…`) agent platforms delegated to this merchant. They are made by the
 * platform, not by a server, and charged once with `tessera.forward({ token, payment, request })`.
 */
export class VaultTokens {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Its state (`active`, `consumed`, `revoked`, `expired`), its allowance and its masked card. */
  async retrieve(id: string): Promise<VaultTokenObject> {
    const path = `${PATH}/${segment('id', id)}`;
    return (await this.#http.json({ method: 'GET', path }, isVaultTokenObject)).body;
  }

  /**
   * Revokes it and erases its card: a charge after this is refused with `vault_token_revoked`. A token already
   * consumed, revoked or expired is answered as it is.
   */
  async revoke(id: string, options: PostOptions = {}): Promise<VaultTokenObject> {
    const path = `${PATH}/${segment('id', id)}/revoke`;
    const spec = { method: 'POST', path, body: {}, idempotencyKey: options.idempotencyKey } as const;
    return (await this.#http.json(spec, isVaultTokenObject)).body;
  }
}
