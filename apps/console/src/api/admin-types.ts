// Guards over what the operator API (apps/edge/src/routes/admin.ts) answers; the types are @tessera/protocol's.
import type { ApiKey, AdminMerchant as Merchant, RolledKey, RotationStatus, StatsBucket } from '@tessera/protocol';

export type {
  AdminMerchant as Merchant,
  ApiKey,
  MerchantPatch,
  RolledKey,
  RotationStatus,
  StatsBucket,
} from '@tessera/protocol';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isNumberOrNull = (v: unknown): v is number | null => v === null || typeof v === 'number';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isPositiveInteger = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

export function isMerchant(v: unknown): v is Merchant {
  return (
    isRecord(v) &&
    v.object === 'merchant' &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    isStringArray(v.origins) &&
    isStringArray(v.forwardHosts) &&
    // The merchant's page shows it and offers to raise it from there.
    isPositiveInteger(v.vaultShards) &&
    (v.status === 'active' || v.status === 'suspended') &&
    (v.source === 'config' || v.source === 'registry')
  );
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

export const isRolledKey = (v: unknown): v is RolledKey =>
  isApiKey(v) && isRecord(v) && typeof v.key === 'string' && isApiKey(v.previous);

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
