// Prints the gzip size of the built SDK and fails when it is over the 10 KB budget (bench/README.md lists the budgets).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 10 * 1024;
const file = new URL('../dist/tessera.js', import.meta.url);
const source = readFileSync(file);
const gzip = gzipSync(source, { level: 9 }).length;
console.log(`dist/tessera.js: ${source.length} B, ${gzip} B gzip (budget ${BUDGET} B)`);
if (gzip > BUDGET) process.exit(1);
