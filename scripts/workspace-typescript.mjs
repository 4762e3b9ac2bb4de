// Lets plain Node run the workspace's TypeScript (`@tessera/node`, `@tessera/protocol`, the operator CLI) as Vite
// and vitest do, with nothing built first: their `exports` point at `src/index.ts`, which Node's own type stripping runs.
// Their sources are written for `moduleResolution: Bundler`, which allows two imports Node's ESM does not:
// `./http/errors` (no extension) and `./card` (a folder's index.ts). This hook adds exactly those two, and only for
// imports made from a .ts file, so plain .mjs resolves as Node always does.
// Load it before anything imports the packages: `node --import <root>/scripts/workspace-typescript.mjs …`, or import
// it first (packages/cli/bin/tessera.mjs). The demo's servers and the CLI both run this way.
import module from 'node:module';

if (typeof module.registerHooks !== 'function' || !process.features.typescript) {
  throw new Error(
    `Tessera runs the workspace's TypeScript with Node's type stripping: Node 22.18 or later, without ` +
      `--no-experimental-strip-types (this is ${process.version}; ./dev puts a recent Node 22 in .tools/).`,
  );
}

const RETRY = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT']);

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const code = /** @type {{ code?: unknown }} */ (error)?.code;
      const fromTypeScript = context.parentURL?.startsWith('file:') && context.parentURL.endsWith('.ts');
      if (!fromTypeScript || !specifier.startsWith('.') || !RETRY.has(String(code))) throw error;
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // the other candidate, or the original error
        }
      }
      throw error;
    }
  },
});
