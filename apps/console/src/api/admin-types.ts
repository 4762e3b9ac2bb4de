// What the operator API (apps/edge/src/routes/admin.ts) answers, with a guard beside each type. They belong in
// @tessera/protocol with the other HTTP types once the operator API settles there; until then the console, its
// only browser client, keeps them in this one file.

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isNumberOrNull = (v: unknown): v is number | null => v === null || typeof v === 'number';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** A merchant, as `GET /v1/admin/merchants` lists it. */
export interface Merchant {
  id: string;
  object: 'merchant';
  name: string;
  origins: string[];
  forwardHosts: string[];
  agents: string[];
  limits: Record<string, number | undefined>;
  status: 'active' | 'suspended';
  /** `config`: from the TESSERA_MERCHANTS secret; `registry`: created through the operator API. */
  source: 'config' | 'registry';
}

export function isMerchant(v: unknown): v is Merchant {
  return (
    isRecord(v) &&
    v.object === 'merchant' &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    isStringArray(v.origins) &&
    isStringArray(v.forwardHosts) &&
    (v.status === 'active' || v.status === 'suspended') &&
    (v.source === 'config' || v.source === 'registry')
  );
}

/** An API key as the operator sees it: never the key, only its prefix and last four. */
export interface ApiKey {
  id: string;
  object: 'api_key';
  type: 'publishable' | 'secret';
  prefix: string;
  last4: string | null;
  /** Unix seconds; null for a key configured in a secret. */
  created: number | null;
  lastUsed: number | null;
  expiresAt: number | null;
  status: 'active' | 'expired' | 'revoked';
  rolledTo?: string;
}

export function isApiKey(v: unknown): v is ApiKey {
  return (
    isRecord(v) &&
    v.object === 'api_key' &&
    typeof v.id === 'string' &&
    (v.type === 'publishable' || v.type === 'secret') &&
    typeof v.prefix === 'string' &&
    isStringOrNull(v.last4) &&
    isNumberOrNull(v.created) &&
    isNumberOrNull(v.lastUsed) &&
    isNumberOrNull(v.expiresAt) &&
    (v.status === 'active' || v.status === 'expired' || v.status === 'revoked')
  );
}

/** A roll's answer: the new key, shown this once, and the old one with the end of its overlap. */
export interface RolledKey extends ApiKey {
  key: string;
  previous: ApiKey;
}

export const isRolledKey = (v: unknown): v is RolledKey =>
  isApiKey(v) && isRecord(v) && typeof v.key === 'string' && isApiKey(v.previous);

/** `GET /v1/admin/rotate`: how far the rewrapping of every merchant's keys under a new KEK has come. */
export interface RotationStatus {
  state: 'idle' | 'running' | 'done';
  kek: string | null;
  total: number;
  done: number;
  failed: number;
}

export function isRotationStatus(v: unknown): v is RotationStatus {
  return (
    isRecord(v) &&
    (v.state === 'idle' || v.state === 'running' || v.state === 'done') &&
    isStringOrNull(v.kek) &&
    typeof v.total === 'number' &&
    typeof v.done === 'number' &&
    typeof v.failed === 'number'
  );
}

/** One hour of `GET /v1/admin/merchants/:id/stats` (apps/edge/src/services/admin/stats.ts says what each counts). */
export interface StatsBucket {
  /** Unix seconds, on the hour. */
  start: number;
  tokenizations: number;
  failures: number;
  rateLimited: number;
}

const isBucket = (v: unknown): v is StatsBucket =>
  isRecord(v) &&
  typeof v.start === 'number' &&
  typeof v.tokenizations === 'number' &&
  typeof v.failures === 'number' &&
  typeof v.rateLimited === 'number';

export const isStats = (v: unknown): v is { buckets: StatsBucket[] } =>
  isRecord(v) && Array.isArray(v.buckets) && v.buckets.every(isBucket);

/** One event of the operator trail: the merchant trail's shape, with actions this console may not know yet. */
export interface TrailEvent {
  id: string;
  type: string;
  created: number;
  time: string;
  keyId: string;
  outcome: 'success' | 'refused' | 'failed';
  detail?: string;
}

export interface TrailPage {
  data: TrailEvent[];
  next?: string;
}

const isTrailEvent = (v: unknown): v is TrailEvent =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  typeof v.type === 'string' &&
  typeof v.created === 'number' &&
  typeof v.time === 'string' &&
  typeof v.keyId === 'string' &&
  (v.outcome === 'success' || v.outcome === 'refused' || v.outcome === 'failed') &&
  (v.detail === undefined || typeof v.detail === 'string');

export const isTrailPage = (v: unknown): v is TrailPage =>
  isRecord(v) &&
  Array.isArray(v.data) &&
  v.data.every(isTrailEvent) &&
  (v.next === undefined || typeof v.next === 'string');

/** A list answer (`{ object: 'list', data }`) whose items all pass `item`. */
export const isListOf =
  <T>(item: (v: unknown) => v is T) =>
  (v: unknown): v is { data: T[] } =>
    isRecord(v) && v.object === 'list' && Array.isArray(v.data) && v.data.every(item);
