// The operator API's answers (/v1/admin, apps/edge/src/routes/admin.ts), as this CLI reads them. They belong in
// @tessera/protocol beside the merchant API's types; until the operator API is there, they live here, with small
// guards that check what the CLI relies on (the `object` member, ids, lists), not every field.
import type { AuditEvent, ChainHead } from '@tessera/protocol';

export type Rec = Record<string, unknown>;

/** The limits a merchant's vault applies; every one has a value at the edge (defaults filled in). */
export const LIMIT_NAMES = [
  'windowSeconds',
  'maxCardsPerClient',
  'maxExpiriesPerCard',
  'maxAttemptsPerCard',
  'maxBinsPerKey',
  'throttledPerMinute',
  'maxAllowanceSeconds',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
export type Limits = { [name in LimitName]?: number | undefined };

export interface Merchant {
  id: string;
  object: 'merchant';
  name: string;
  origins: string[];
  forwardHosts: string[];
  agents: string[];
  limits: Limits;
  status: 'active' | 'suspended';
  /** `config`: from the edge's secrets; `registry`: created through the operator API. */
  source: 'config' | 'registry';
}

/** What `POST /v1/admin/merchants` takes. */
export interface NewMerchant {
  id?: string;
  name: string;
  origins: string[];
  forwardHosts: string[];
  agents?: string[];
  limits?: Limits;
}

/** What `PATCH /v1/admin/merchants/:id` takes: only what changes. */
export interface MerchantPatch {
  name?: string;
  origins?: string[];
  forwardHosts?: string[];
  agents?: string[];
  limits?: Limits;
  status?: 'active' | 'suspended';
}

export interface ApiKey {
  id: string;
  object: 'api_key';
  type: 'publishable' | 'secret';
  prefix: string;
  last4: string | null;
  created: number | null;
  lastUsed: number | null;
  expiresAt: number | null;
  status: 'active' | 'expired' | 'revoked';
  rolledTo?: string;
}

/** A key just issued: the only answer that holds the key itself. */
export interface IssuedKey extends ApiKey {
  key: string;
}

export interface RolledKey extends IssuedKey {
  previous: ApiKey;
}

export interface Agent {
  id: string;
  object: 'agent';
  name: string;
}

/** An agent platform just created, with its `ak_` key, shown once. */
export interface CreatedAgent extends Agent {
  key: string;
  keyId: string;
}

/**
 * The KEK rotation: every merchant's data keys and webhook secrets rewrapped under one KEK, a merchant at a time.
 * `done` counts the merchants rewrapped, `failed` those that could not be; `kek` is null before any rotation.
 */
export interface RotateStatus {
  state: 'idle' | 'running' | 'done';
  done: number;
  total: number;
  failed: number;
  kek: string | null;
}

/** `POST /v1/admin/rotate/retire`: the KEK wraps nothing and is not active, so it may leave TESSERA_KEKS. */
export interface RetireAnswer {
  kek: string;
  retirable: true;
}

export interface List<T> {
  object: 'list';
  data: T[];
}

/** A page of a trail (`GET /v1/admin/events`, `GET /v1/events`): newest first. */
export interface EventPage extends List<AuditEvent> {
  next?: string;
  head: ChainHead;
}

export const isRecord = (value: unknown): value is Rec =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isObjectOf =
  <T>(name: string) =>
  (value: unknown): value is T =>
    isRecord(value) && value.object === name && typeof value.id === 'string';

export const isMerchant = isObjectOf<Merchant>('merchant');
export const isApiKey = isObjectOf<ApiKey>('api_key');
export const isAgent = isObjectOf<Agent>('agent');

export const isIssuedKey = (value: unknown): value is IssuedKey =>
  isApiKey(value) && typeof (value as unknown as Rec).key === 'string';
export const isRolledKey = (value: unknown): value is RolledKey =>
  isIssuedKey(value) && isApiKey((value as unknown as Rec).previous);
export const isCreatedAgent = (value: unknown): value is CreatedAgent =>
  isAgent(value) && typeof (value as unknown as Rec).key === 'string';

export function isListOf<T>(item: (v: unknown) => v is T) {
  return (value: unknown): value is List<T> =>
    isRecord(value) && value.object === 'list' && Array.isArray(value.data) && value.data.every(item);
}

export function isEventPage(value: unknown): value is EventPage {
  return (
    isRecord(value) &&
    value.object === 'list' &&
    Array.isArray(value.data) &&
    value.data.every((e) => isRecord(e) && typeof e.id === 'string' && typeof e.seq === 'number') &&
    isRecord(value.head) &&
    typeof value.head.count === 'number'
  );
}

export function isRotateStatus(value: unknown): value is RotateStatus {
  return (
    isRecord(value) &&
    (value.state === 'idle' || value.state === 'running' || value.state === 'done') &&
    typeof value.done === 'number' &&
    typeof value.total === 'number' &&
    typeof value.failed === 'number'
  );
}

export const isRetireAnswer = (value: unknown): value is RetireAnswer =>
  isRecord(value) && typeof value.kek === 'string' && value.retirable === true;
