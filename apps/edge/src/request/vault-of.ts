import type { Merchant } from '../config/config';

/** Each merchant has its own vault object, addressed by merchant id. */
export const vaultOf = (env: Env, merchant: Merchant) => env.VAULT.get(env.VAULT.idFromName(merchant.id));
