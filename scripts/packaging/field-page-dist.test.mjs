import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// packages/elements/build/check-dist.mjs, which `pnpm build` runs on the field pages, against small dist folders made
// here: card.html holds its code inline, split.html loads it from one file, and a chunk loaded later (whose hashed
// name a deploy replaces) fails the build.
const CHECK = new URL('../../packages/elements/build/check-dist.mjs', import.meta.url).pathname;
const HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card details</title>';
const SCRIPT = '<script async src="/elements/v1/assets/card-a1.js"></script>';
const CARD_HTML = `${HEAD}</head><body><script>document.body.append("fields");</script></body></html>`;
const SPLIT_HTML = `${HEAD}\n${SCRIPT}</head><body></body></html>`;

const folders = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A dist folder holding card.html, split.html, its script and one locale file, plus `extra` files under assets/. */
function dist(extra = {}, pages = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-dist-'));
  folders.push(dir);
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'locales'));
  writeFileSync(join(dir, 'card.html'), pages.card ?? CARD_HTML);
  writeFileSync(join(dir, 'split.html'), pages.split ?? SPLIT_HTML);
  writeFileSync(join(dir, 'assets', 'card-a1.js'), 'document.body.append("fields");\n');
  writeFileSync(join(dir, 'locales', 'es.json'), '{}');
  for (const [name, body] of Object.entries(extra)) writeFileSync(join(dir, 'assets', name), body);
  return dir;
}

const check = (dir) => spawnSync(process.execPath, [CHECK, dir], { encoding: 'utf8' });

describe("the field page's build check", () => {
  it('passes a card page with its code inline and a split page that loads it from one file', () => {
    const result = check(dist());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails on a chunk card.html does not load, naming it', () => {
    const result = check(dist({ 'tokenizer-b2.js': 'export const later = 1;\n' }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('assets/tokenizer-b2.js is loaded later, not by split.html');
  });

  it('fails a card page that loads its code, or holds it in more than one script', () => {
    const loading = check(dist({}, { card: SPLIT_HTML }));
    expect(loading.status).toBe(1);
    expect(loading.stderr).toContain('card.html: 0 inline scripts and 1 loaded, not its code inline alone');
    const two = check(dist({}, { card: CARD_HTML.replace('</body>', '<script>1</script></body>') }));
    expect(two.stderr).toContain('card.html: 2 inline scripts and 0 loaded');
  });

  it('fails a split page with an inline script, and either page with an inline style', () => {
    const inline = check(dist({}, { split: SPLIT_HTML.replace('<body>', '<body><script>1</script>') }));
    expect(inline.status).toBe(1);
    expect(inline.stderr).toContain('split.html: inline script: <script>1</script>');
    const styled = check(dist({}, { card: CARD_HTML.replace('<body>', '<body style="margin:0">') }));
    expect(styled.stderr).toContain('card.html: inline style attribute');
  });

  it('passes a chunk the script imports statically: it loads with the page', () => {
    const dir = dist({ 'shared-c3.js': 'export const shared = 1;\n' });
    writeFileSync(
      join(dir, 'assets', 'card-a1.js'),
      'import { shared } from "./shared-c3.js";\nconsole.log(shared);\n',
    );
    expect(check(dir).status).toBe(0);
  });
});
