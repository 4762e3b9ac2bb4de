import {
  type Agent,
  type ApiKey,
  type CreatedAgent,
  type EventPage,
  type IssuedKey,
  isAgent,
  isApiKey,
  isCreatedAgent,
  isEventPage,
  isIssuedKey,
  isListOf,
  isMerchant,
  isRetireAnswer,
  isRolledKey,
  isRotateStatus,
  type List,
  type Merchant,
  type MerchantPatch,
  type NewMerchant,
  type RetireAnswer,
  type RolledKey,
  type RotateStatus,
} from './admin-types';
import { call, type Endpoint } from './http';

/** What a trail page is asked for: `GET /v1/admin/events` and `GET /v1/events` take the same query. */
export interface EventQuery {
  limit?: number;
  /** An event id from a page's `next`: only events older than it. */
  after?: string;
  type?: string;
  /** Unix seconds. */
  since?: number;
}

const segment = (value: string) => encodeURIComponent(value);

/** The operator API, one method per route of apps/edge/src/routes/admin.ts. */
export function createAdminClient(endpoint: Endpoint) {
  const admin = (path: string) => `/v1/admin${path}`;
  return {
    merchants: {
      list: (): Promise<List<Merchant>> =>
        call(endpoint, { method: 'GET', path: admin('/merchants') }, isListOf(isMerchant)),
      get: (id: string): Promise<Merchant> =>
        call(endpoint, { method: 'GET', path: admin(`/merchants/${segment(id)}`) }, isMerchant),
      create: (body: NewMerchant): Promise<Merchant> =>
        call(endpoint, { method: 'POST', path: admin('/merchants'), body }, isMerchant),
      update: (id: string, body: MerchantPatch): Promise<Merchant> =>
        call(endpoint, { method: 'PATCH', path: admin(`/merchants/${segment(id)}`), body }, isMerchant),
    },
    keys: {
      list: (merchant: string): Promise<List<ApiKey>> =>
        call(endpoint, { method: 'GET', path: admin(`/merchants/${segment(merchant)}/keys`) }, isListOf(isApiKey)),
      issue: (merchant: string, body: { type: ApiKey['type']; expiresAt?: number }): Promise<IssuedKey> =>
        call(endpoint, { method: 'POST', path: admin(`/merchants/${segment(merchant)}/keys`), body }, isIssuedKey),
      roll: (merchant: string, keyId: string, body: { expiresIn?: number }): Promise<RolledKey> =>
        call(
          endpoint,
          { method: 'POST', path: admin(`/merchants/${segment(merchant)}/keys/${segment(keyId)}/roll`), body },
          isRolledKey,
        ),
      revoke: (merchant: string, keyId: string): Promise<ApiKey> =>
        call(
          endpoint,
          { method: 'POST', path: admin(`/merchants/${segment(merchant)}/keys/${segment(keyId)}/revoke`) },
          isApiKey,
        ),
    },
    agents: {
      list: (): Promise<List<Agent>> => call(endpoint, { method: 'GET', path: admin('/agents') }, isListOf(isAgent)),
      create: (body: { id?: string; name: string }): Promise<CreatedAgent> =>
        call(endpoint, { method: 'POST', path: admin('/agents'), body }, isCreatedAgent),
    },
    rotate: {
      start: (kek: string): Promise<RotateStatus> =>
        call(endpoint, { method: 'POST', path: admin('/rotate'), body: { kek } }, isRotateStatus),
      status: (): Promise<RotateStatus> => call(endpoint, { method: 'GET', path: admin('/rotate') }, isRotateStatus),
      retire: (kek: string): Promise<RetireAnswer> =>
        call(endpoint, { method: 'POST', path: admin('/rotate/retire'), body: { kek } }, isRetireAnswer),
    },
    events: (query: EventQuery): Promise<EventPage> => trailPage(endpoint, admin('/events'), query),
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;

/** One page of a trail, newest first: the operator's (`/v1/admin/events`) or a merchant's (`/v1/events`). */
export function trailPage(endpoint: Endpoint, path: string, query: EventQuery): Promise<EventPage> {
  return call(endpoint, { method: 'GET', path, query: { ...query } }, isEventPage);
}
