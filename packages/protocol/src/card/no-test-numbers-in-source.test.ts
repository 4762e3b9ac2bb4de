/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { luhnValid } from './luhn';

// Test card numbers belong in test files: anything shipped to a browser or the edge must not carry one,
// so a grep of a bundle for card numbers stays meaningful.
const src = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('protocol source', () => {
  it.each(sourceFiles(src).map((path) => [path.slice(src.length + 1), path]))('%s holds no card number', (_, path) => {
    // Runs of 12-19 digits, also when grouped by single spaces as cards are printed. (Not dashes: ranges
    // such as 506779-508999 would look like numbers.)
    const runs = readFileSync(path, 'utf8').match(/\d(?: ?\d){11,18}/g) ?? [];
    expect(runs.map((run) => run.replace(/\D/g, '')).filter(luhnValid)).toEqual([]);
  });
});
