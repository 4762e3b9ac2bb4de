// The operator API's answers (/v1/admin, apps/edge/src/routes/admin.ts): their types come from @tessera/protocol;
// the guards here check what the CLI relies on (the `object` member, ids, lists), not every field.
import type {
  AdminAgent as Agent,
  ApiKey,
  AuditEvent,
  ChainHead,
  CreatedAgent,
  IssuedKey,
  AdminMerchant as Merchant,
  RetiredKek as RetireAnswer,
  RolledKey,
  RotationStatus as RotateStatus,
} from '@tessera/protocol';

export type Rec = Record<string, unknown>;

export {
  type AdminAgent as Agent,
  type AdminMerchant as Merchant,
  type ApiKey,
  type CreatedAgent,
  type IssuedKey,
  LIMIT_NAMES,
  type LimitName,
  type MerchantLimits as Limits,
  type MerchantPatch,
  type NewMerchant,
  type RetiredKek as RetireAnswer,
  type RolledKey,
  type RotationStatus as RotateStatus,
} from '@tessera/protocol';

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
