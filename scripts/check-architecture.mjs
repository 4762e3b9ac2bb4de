// Lint check: the import rules the tree is laid out by. Exits 1 naming each broken rule.
// - No folder-level import cycle among the top-level entries of apps/edge/src or of any package's src.
// - apps/edge/src/vault, abuse and webhooks (what runs inside a Durable Object) import only themselves and the
//   shared folders; never the worker side (routes, middleware, services, request) or the app's entry.
// Tests are left out: a test may reach across the tree to set up what it checks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const TEST = /\.(test|spec)\.|\.d\.ts$/;
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** The edge's shared folders: the Durable Objects and the worker may all import them. */
const SHARED = ['lib', 'crypto', 'config', 'errors'];
/** The folders whose code runs inside a Durable Object. */
const OBJECT_FOLDERS = ['vault', 'abuse', 'webhooks'];

function sourceFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(name) && !TEST.test(name)) files.push(path);
  }
  return files;
}

/** Folder → folders it imports, for the top-level entries of `dir` (a file counts as a folder of its own). */
function folderGraph(dir) {
  const top = (path) => relative(dir, path).split(sep)[0].replace(SOURCE, '');
  const graph = new Map();
  for (const file of sourceFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1] ?? match[2]);
      if (!target.startsWith(dir + sep)) continue;
      const [from, to] = [top(file), top(target)];
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      // Keep one importing file per edge, to name in the message.
      if (!graph.get(from).has(to)) graph.get(from).set(to, relative(root, file));
    }
  }
  return graph;
}

function findCycles(graph) {
  const cycles = new Map();
  for (const start of graph.keys()) {
    // Depth-first search for a path back to `start`.
    const stack = [[start, [start]]];
    const seen = new Set();
    while (stack.length > 0) {
      const [node, path] = stack.pop();
      for (const next of graph.get(node)?.keys() ?? []) {
        if (next === start) {
          const key = [...path].sort().join('|');
          if (!cycles.has(key)) cycles.set(key, [...path, start].join(' → '));
        } else if (!seen.has(next)) {
          seen.add(next);
          stack.push([next, [...path, next]]);
        }
      }
    }
  }
  return [...cycles.values()];
}

const problems = [];
const edge = join(root, 'apps/edge/src');
const dirs = [
  edge,
  ...readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name, 'src'))
    .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory()),
];
for (const dir of dirs) {
  for (const cycle of findCycles(folderGraph(dir))) {
    problems.push(`${relative(root, dir)}: folder import cycle ${cycle}`);
  }
}
const edgeGraph = folderGraph(edge);
for (const folder of OBJECT_FOLDERS) {
  for (const [to, file] of edgeGraph.get(folder) ?? []) {
    if (!SHARED.includes(to)) {
      problems.push(`apps/edge/src/${folder} imports ${to}/ in ${file}: a Durable Object runs no worker code`);
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(
  `architecture: no folder cycles in ${dirs.length} source folders; the Durable Objects import no worker code`,
);
