#!/usr/bin/env node
// `pnpm tessera …` (the root package.json runs this file). The CLI is TypeScript run from source by Node's own type
// stripping (Node 22.18+), like the demo's servers: no build step between editing it and running it.
import '../../../scripts/workspace-typescript.mjs';

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
