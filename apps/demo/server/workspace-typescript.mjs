// Lets plain Node run the workspace's TypeScript packages (`@tessera/node`, `@tessera/protocol`) as Vite and vitest
// do, with nothing built first: their `exports` point at `src/index.ts`, which Node's own type stripping runs.
// Their sources are written for `moduleResolution: Bundler`, which allows two imports Node's ESM does not:
// `./http/errors` (no extension) and `./card` (a folder's index.ts). This hook adds exactly those two, and only for
// imports made from a .ts file, so the demo's own .mjs resolves as Node always does.
// Load it before anything imports the packages: `node --import ./server/workspace-typescript.mjs …`.
import module from 'node:module';

if (typeof module.registerHooks !== 'function' || !process.features.typescript) {
  throw new Error(
    `The demo's servers run the workspace's TypeScript with Node's type stripping: Node 22.18 or later, without ` +
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
