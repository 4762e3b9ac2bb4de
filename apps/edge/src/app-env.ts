import type { ApiErrorCode } from '@tessera/protocol';

/** Variables every request carries, set by the outermost middleware. */
export interface BaseVariables {
  requestId: string;
  /** The code of the problem this request answered with, for the access log. */
  problemCode?: ApiErrorCode;
}

/** The Hono environment of the whole app: bindings typed once, from `wrangler types`. */
export interface AppEnv {
  Bindings: Env;
  Variables: BaseVariables;
}
