import { isTokenObject, type TokenObject } from '@tessera/protocol';
import type { HttpClient } from '../http/http-client';
import { isDeletedOf, isListOf, type List } from '../types/guards';
import { required, segment } from './path';

/** `{ id, object: 'token', deleted: true }`. */
export interface DeletedToken {
  id: string;
  object: 'token';
  deleted: true;
}

const isDeletedToken = isDeletedOf<DeletedToken>('token');

/** `tessera.tokens`: read and erase tokens. Tokens are created only by the card fields, never by a server. */
export class Tokens {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The masked token object: brand, last 4, BIN, expiry, fingerprint and whether a CVC is held. */
  async retrieve(id: string): Promise<TokenObject> {
    const path = `/v1/tokens/${segment('id', id)}`;
    return (await this.#http.json({ method: 'GET', path }, isTokenObject)).body;
  }

  /** Erases the token and its card. */
  async delete(id: string): Promise<DeletedToken> {
    const path = `/v1/tokens/${segment('id', id)}`;
    return (await this.#http.json({ method: 'DELETE', path }, isDeletedToken)).body;
  }

  /** Every token of this merchant for the same card (`card.fingerprint`, `fp_…`). */
  async list(params: { fingerprint: string }): Promise<List<TokenObject>> {
    const query = { fingerprint: required('fingerprint', params?.fingerprint) };
    const isList = (v: unknown) => isListOf(v, isTokenObject);
    return (await this.#http.json({ method: 'GET', path: '/v1/tokens', query }, isList)).body;
  }

  /** Erases every token of this merchant for the same card. */
  async deleteByFingerprint(fingerprint: string): Promise<List<DeletedToken>> {
    const query = { fingerprint: required('fingerprint', fingerprint) };
    const isList = (v: unknown) => isListOf(v, isDeletedToken);
    return (await this.#http.json({ method: 'DELETE', path: '/v1/tokens', query }, isList)).body;
  }
}
