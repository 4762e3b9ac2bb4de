import { app } from './app';

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
export { AbuseRecord } from './abuse/abuse-record';
export { AgentLedger } from './vault/agent-ledger';
export { Registry } from './vault/registry/registry';
export { VaultObject } from './vault/vault-object';
export { WebhookQueue } from './webhooks/webhook-queue';
