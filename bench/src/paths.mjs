import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleAssets } from '../../apps/edge/scripts/assets.mjs';

/** The repository root (bench/src/ → ../../). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'bench/node_modules/.cache');

/**
 * The builds the bench measures and serves: copies of the packages' dist folders taken right after the bench
 * built them. Others rebuild those folders while the bench runs (a rebuild empties dist and renames the hashed
 * assets), and a field page half rebuilt would fail the browser parts; the copies stay put for the whole run.
 */
export const DIST = {
  js: join(CACHE, 'js-dist'),
  elements: join(CACHE, 'elements-dist'),
  react: join(CACHE, 'react-dist'),
  /** What the bench's edge serves as files, assembled from the two copies above as apps/edge's build does. */
  edgeAssets: join(CACHE, 'edge-assets'),
};

/** A field page build is whole when both pages exist and every asset they name does. @param {string} dir */
function wholeFieldPage(dir) {
  return ['card.html', 'split.html'].every((page) => {
    const html = join(dir, page);
    if (!existsSync(html)) return false;
    const names = [...readFileSync(html, 'utf8').matchAll(/\s(?:src|href)="\/elements\/v1\/([^"]+)"/g)];
    return names.every((m) => existsSync(join(dir, m[1])));
  });
}

/**
 * Copies the three dist folders, waiting (up to 20 s) for a field page build that is whole, and assembles the edge's
 * assets from the copies.
 */
export async function snapshotDists() {
  mkdirSync(CACHE, { recursive: true });
  const copy = (from, to) => {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  };
  for (let i = 0; i < 40; i++) {
    copy(join(ROOT, 'packages/elements/dist'), DIST.elements);
    if (wholeFieldPage(DIST.elements)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  copy(join(ROOT, 'packages/js/dist'), DIST.js);
  copy(join(ROOT, 'packages/react/dist'), DIST.react);
  assembleAssets({ elements: DIST.elements, js: DIST.js, out: DIST.edgeAssets });
}
