// The operator registry's rows and snapshot, as the configuration reads them (the registry itself is
// vault/registry: it imports these, so configuration never imports the vault).

export type MerchantStatus = 'active' | 'suspended';

export type MerchantRow = {
  id: string;
  name: string;
  origins: string;
  forward_hosts: string;
  agents: string;
  limits: string;
  status: MerchantStatus;
  created_at: number;
  updated_at: number;
};

export type KeyType = 'publishable' | 'secret' | 'agent' | 'operator';

export type KeyRow = {
  id: string;
  owner_kind: 'merchant' | 'agent' | 'operator';
  owner_id: string;
  type: KeyType;
  key_hash: string;
  prefix: string;
  last4: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  rolled_to: string | null;
};

export type AgentRow = { id: string; name: string; created_at: number };

/** What every isolate caches (at most 30 s) to authenticate and route without asking the registry each time. */
export interface RegistrySnapshot {
  merchants: MerchantRow[];
  keys: KeyRow[];
  agents: AgentRow[];
  /** The KEK a rotation made active (new data keys and secrets are wrapped with it); null: the secret's first. */
  activeKek: string | null;
}
