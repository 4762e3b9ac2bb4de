// What test/support/edge-setup.ts provides to the edge tests (`inject('edge')`).
import 'vitest';

/** The running edge, its two merchants' keys and the processor's origin; or why the edge could not start. */
export type ProvidedEdge =
  | {
      origin: string;
      publishableKey: string;
      secretKey: string;
      /** The secret key of a second merchant, whose tokens and events the first must never see. */
      otherSecretKey: string;
      /** The first merchant's id, as an agent's allowance names it. */
      merchantId: string;
      /** The key of an agent platform whose vault tokens the first merchant accepts. */
      agentKey: string;
      processor: string;
    }
  | { error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    edge: ProvidedEdge;
  }
}
