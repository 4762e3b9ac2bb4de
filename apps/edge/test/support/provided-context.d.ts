// What vitest's globalSetup provides to tests (`inject`); vitest.config.ts declares the same for the pool options.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The loopback port of test/processor/recording-server.mjs, the forward tests' destination. */
    processorPort: number;
  }
}
