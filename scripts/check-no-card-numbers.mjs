#!/usr/bin/env node
// Test card numbers belong in test files. Anything shipped to a browser, the edge or a merchant server must not
// carry one, so that a search of a bundle or a log for card numbers stays meaningful.
//
// Scans the non-test TypeScript and JavaScript of packages/*/src, apps/*/src, apps/demo/server and scripts for
// runs of 12-19 digits, also when grouped by single spaces as cards are printed, that pass the Luhn check.
// Dashes do not join digits: ranges such as 506779-508999 would look like numbers. A longer run of digits
// (a hash, a big constant) is not a card number unless a whole space-separated part of it is.
// Prints file:line:column for each hit and exits 1; no dependencies, so it runs before `pnpm install`.
//
//   node scripts/check-no-card-numbers.mjs

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST = /\.(?:test|spec)\.[^.]+$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.wrangler', '.turbo', 'coverage']);

/** The folders to scan, relative to the repository root. */
function roots() {
  const inside = (dir) => {
    try {
      return readdirSync(join(root, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(dir, entry.name));
    } catch {
      return [];
    }
  };
  const found = [...inside('packages'), ...inside('apps')].map((dir) => join(dir, 'src'));
  return [...found, join('apps', 'demo', 'server'), 'scripts'].filter((dir) => isDirectory(join(root, dir)));
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sourceFiles(path);
    } else if (SOURCE.test(entry.name) && !TEST.test(entry.name)) {
      yield path;
    }
  }
}

function luhnValid(digits) {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    const d = digits.charCodeAt(i) - 48;
    // A doubled digit counts as the sum of its digits: 2d, or 2d - 9 from 5 up.
    sum += double ? ((d * 2) % 10) + Math.floor(d / 5) : d;
  }
  return sum % 10 === 0;
}

/**
 * Card numbers in one line: in each run of space-separated digit groups, the first window of whole groups that
 * holds 12-19 digits and passes Luhn: one hit per run, so a printed number followed by its expiry counts once.
 */
function* cardNumbers(line) {
  for (const run of line.matchAll(/(?<!\d)\d+(?: \d+)*(?!\d)/g)) {
    const hit = firstCardNumber([...run[0].matchAll(/\d+/g)]);
    if (hit) yield { column: run.index + hit.index + 1, digits: hit.digits };
  }
}

function firstCardNumber(groups) {
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last][0];
      if (digits.length >= 12 && digits.length <= 19 && luhnValid(digits))
        return { index: groups[first].index, digits };
    }
  }
  return undefined;
}

const mask = (digits) => `${digits.slice(0, 6)}${'•'.repeat(digits.length - 10)}${digits.slice(-4)}`;

let files = 0;
let hits = 0;
for (const dir of roots()) {
  for (const path of sourceFiles(join(root, dir))) {
    files++;
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const { column, digits } of cardNumbers(line)) {
        hits++;
        console.error(
          `${relative(root, path)}:${i + 1}:${column}: a Luhn-valid ${digits.length}-digit number (${mask(digits)})`,
        );
      }
    });
  }
}

if (hits > 0) {
  console.error(`\n${hits} card number(s) in non-test source. Move test numbers into a *.test.* file.`);
  process.exit(1);
}
console.log(`No card numbers in ${files} non-test source files.`);
