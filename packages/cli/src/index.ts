export { type AdminClient, createAdminClient, type EventQuery } from './api/admin-client';
export type {
  Agent,
  ApiKey,
  CreatedAgent,
  IssuedKey,
  Merchant,
  MerchantPatch,
  NewMerchant,
  RolledKey,
  RotateStatus,
} from './api/admin-types';
export { applyPlan, type CreatedAgentKey } from './apply/apply-plan';
export { ConfigSchema, parseConfig, readConfig, type TesseraConfig } from './apply/config-file';
export { type Change, type Current, type FieldChange, type Plan, planChanges } from './apply/plan';
export type { Io, OutStream } from './cli/io';
export { CLI_ERRORS, CliError, type CliErrorCode } from './errors/cli-error';
export { followTrail } from './events/follow';
export { program, run } from './main';
export { watchRotation } from './rotate/watch';
