#!/usr/bin/env node
// `pnpm tessera …` (the root package.json runs this file). The CLI is TypeScript run from source by Node's own type
// stripping (Node 22.18+), like the demo's servers: no build step between editing it and running it.
//
// The workspace's sources are written for `moduleResolution: Bundler`, which allows two imports Node's ESM does
// not: `./cli/io` (no extension) and `./card` (a folder's index.ts). The hook below adds exactly those two, and only
// for imports made from a .ts file (as apps/demo/server/workspace-typescript.mjs does for the demo).
import module from 'node:module';

if (typeof module.registerHooks !== 'function' || !process.features.typescript) {
  console.error(
    `tessera: the CLI runs TypeScript with Node's type stripping: Node 22.18 or later (this is ${process.version}; ./dev puts one in .tools/).`,
  );
  process.exit(1);
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

const { run } = await import('../src/main.ts');

// Ctrl-C stops `events tail` and `--watch` cleanly; a second one ends the process as usual.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  // pnpm runs root scripts in the repository root; INIT_CWD is where the operator typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  signal: stop.signal,
});
