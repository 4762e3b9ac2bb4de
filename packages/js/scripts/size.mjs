// Prints the gzip size of the built SDK files and fails when a file a page loads on its own is over the 10 KB budget
// (bench/README.md lists the budgets): tessera.js, and tessera-card.iife.js, <tessera-card> with the SDK inside.
// tessera-card.js, the module that imports ./tessera.js, is printed too: what <tessera-card> adds to the SDK.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 10 * 1024;
const FILES = [
  ['tessera.js', BUDGET],
  ['tessera-card.js', undefined],
  ['tessera-card.iife.js', BUDGET],
];
let over = false;
for (const [name, budget] of FILES) {
  const source = readFileSync(new URL(`../dist/${name}`, import.meta.url));
  const gzip = gzipSync(source, { level: 9 }).length;
  const limit = budget === undefined ? '' : ` (budget ${budget} B)`;
  console.log(`dist/${name}: ${source.length} B, ${gzip} B gzip${limit}`);
  if (budget !== undefined && gzip > budget) over = true;
}
if (over) process.exit(1);
