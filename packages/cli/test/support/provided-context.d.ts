// What test/support/edge-setup.ts provides to the edge tests (`inject('edge')`).
import 'vitest';

/** The running edge, the tests' operator key and its configured merchant; or why the edge could not start. */
export type ProvidedEdge =
  | {
      origin: string;
      operatorKey: string;
      /** The KEK the edge starts with, and a second one TESSERA_KEKS lists for a rotation. */
      keks: { active: string; next: string };
      /** A merchant from the edge's secrets (`source: 'config'`), as the demo's are. */
      seeded: { id: string; publishableKey: string; secretKey: string };
    }
  | { error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    edge: ProvidedEdge;
  }
}
