#!/usr/bin/env node
// Checks the repository's Markdown: every repository path named in backticks and every relative link must
// exist, and no file may send readers to a design file that a clone does not have ("DESIGN.md").
//
//   node scripts/check-docs.mjs             checks docs/**/*.md and every README.md of the repository
//   node scripts/check-docs.mjs FILE.md …   checks only the files given
//
// Prints `file:line: problem` for each finding and exits 1 when there is one (2 when a file given does not
// exist). No dependencies.
//
// What counts as a repository path in backticks: a code span with a `/` that ends in a file extension or in `/`
// (`packages/js/src/index.ts`, `src/card/`). It may be relative to the Markdown file, to the package that holds
// the file, or to the repository root; in a package's own Markdown it may also be the tail of a path inside that
// package (`vault/forward/` for `src/vault/forward/`). Relative links must resolve from the Markdown file.
// Not checked: URLs and host:port forms, URL paths starting with `/` (`/v1/tokens`), package specifiers
// (`@tessera/js`), globs and placeholders (`*`, `?`, `{…}`, `[…]`, `<…>`, `…`), and paths that `.gitignore` says are
// generated (`dist/…`, `bench/results.json`, `.dev.vars`). Fenced code blocks are skipped for paths and links.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Folders never searched for Markdown: installed, generated or tool state. */
const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  'dist',
  '.tools',
  '.turbo',
  '.wrangler',
  'reports',
  'test-results',
  'playwright-report',
  'coverage',
  '.stryker-tmp',
]);

/** The Markdown files to check: docs/**\/*.md and every README.md outside the skipped folders. */
function markdownFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name));
        continue;
      }
      const path = join(dir, entry.name);
      const inDocs = relative(ROOT, path).split(sep)[0] === 'docs';
      if (entry.name === 'README.md' || (inDocs && entry.name.endsWith('.md'))) found.push(path);
    }
  };
  walk(ROOT);
  return found.sort();
}

// ---------------------------------------------------------------------------------------------------------------
// .gitignore, enough of it to tell generated paths (dist/, results files, .dev.vars) from missing ones.

/** Turns one gitignore glob into a RegExp source: `**` any depth, `*` and `?` within one segment. */
function globSource(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

const ignoreRules = new Map();

/** The rules of the .gitignore in `dir` (repository-relative, '' for the root), as RegExps on relative paths. */
function rulesOf(dir) {
  if (ignoreRules.has(dir)) return ignoreRules.get(dir);
  const rules = [];
  const file = join(ROOT, dir, '.gitignore');
  if (existsSync(file)) {
    for (let line of readFileSync(file, 'utf8').split(/\r?\n/)) {
      line = line.trim();
      if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
      const dirOnly = line.endsWith('/');
      const pattern = line.replace(/\/+$/, '');
      // A pattern with a slash before its end is anchored to its .gitignore's folder; one without matches at any depth.
      const anchored = pattern.includes('/');
      const body = globSource(pattern.replace(/^\//, ''));
      const prefix = anchored ? '^' : '(?:^|/)';
      // A folder pattern matches the folder and everything below it; a file pattern also matches below a folder.
      rules.push(new RegExp(`${prefix}${body}${dirOnly ? '/' : '(?:/|$)'}`));
    }
  }
  ignoreRules.set(dir, rules);
  return rules;
}

/** Whether a repository-relative path lies in something a .gitignore of its ancestors ignores. */
function isIgnored(repoPath) {
  const parts = repoPath.split('/').filter(Boolean);
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    const rest = `${parts.slice(depth).join('/')}/`;
    if (rulesOf(dir).some((rule) => rule.test(rest))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading Markdown.

/** The file's lines with fenced code blocks blanked (line numbers kept), for the path and link checks. */
function withoutFences(text) {
  const lines = text.split(/\r?\n/);
  let fence = null;
  return lines.map((line) => {
    // Any indentation: a fence inside a list item is indented too.
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (open) {
        fence = open[1];
        return '';
      }
      return line;
    }
    if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = null;
    return '';
  });
}

/** Code spans of a text (CommonMark: a run of n backticks closes at the next run of exactly n), with line numbers. */
function codeSpans(lines) {
  const text = lines.join('\n');
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  /** The 1-based line of an offset: the number of line starts at or before it. */
  const lineAt = (offset) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const spans = [];
  const run = /`+/g;
  let match = run.exec(text);
  while (match !== null) {
    const ticks = match[0];
    const start = match.index + ticks.length;
    const close = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
    close.lastIndex = start;
    const end = close.exec(text);
    // A span never crosses a blank line (a paragraph break); an unmatched run is literal text.
    if (end === null || /\n[ \t]*\n/.test(text.slice(start, end.index))) {
      match = run.exec(text);
      continue;
    }
    let content = text.slice(start, end.index).replace(/\n/g, ' ');
    if (/^ .*[^ ].* $/.test(content)) content = content.slice(1, -1);
    spans.push({ content, line: lineAt(match.index) });
    run.lastIndex = end.index + ticks.length;
    match = run.exec(text);
  }
  return spans;
}

/** Links and images (`[text](target)`, `[id]: target`, `<a href>`, `<img src>`) outside code spans. */
function links(lines) {
  const found = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/(`+)(?:(?!\1).)+?\1/g, (s) => ' '.repeat(s.length));
    for (const m of line.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+["'(][^)]*)?\)/g)) {
      found.push({ target: m[1].replace(/^<|>$/g, ''), line: i + 1 });
    }
    const def = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (def) found.push({ target: def[1].replace(/^<|>$/g, ''), line: i + 1 });
    // Raw HTML links and images: <a href="…">, <img src="…">.
    for (const m of line.matchAll(/<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      found.push({ target: m[1] ?? m[2], line: i + 1 });
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// What looks like a repository path, and whether it exists.

const EXTENSION = /\.[A-Za-z0-9]{1,10}$/;

/** The path a code span names, or null when the span is not a repository path. */
function pathOfSpan(content) {
  const text = content.trim();
  if (text === '' || /\s/.test(text)) return null;
  if (!text.includes('/')) return null;
  // URLs, schemes and host:port forms (`http://…`, `node:fs`, `localhost:5173/x.html`).
  if (/^[A-Za-z][\w+.-]*:/.test(text) || text.startsWith('//')) return null;
  // URL paths of the edge or the demo (`/v1/tokens`, `/elements/v1/card.html`) and absolute machine paths.
  if (text.startsWith('/') || text.startsWith('~')) return null;
  // Package specifiers (`@tessera/js`, `@adyen/adyen-web/styles/adyen.css`).
  if (text.startsWith('@')) return null;
  // Globs, placeholders, template syntax, alternatives.
  if (/[*?{}[\]<>|…$%=&#,;'"`\\]/.test(text) || text.includes('...')) return null;
  const path = text.replace(/:\d+(?::\d+)?$/, '');
  if (!path.endsWith('/') && !EXTENSION.test(path)) return null;
  return path;
}

/** The target of a link, as a path to check, or null for URLs, anchors and e-mail addresses. */
function pathOfLink(target) {
  if (target === '' || target.startsWith('#')) return null;
  if (/^[A-Za-z][\w+.-]*:/.test(target) || target.startsWith('//')) return null;
  const path = target.replace(/[?#].*$/, '');
  if (path === '') return null;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The folder of the nearest package.json at or above `dir`, within the repository; the root otherwise. */
function packageRoot(dir) {
  for (let d = dir; inRepo(d); d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (d === ROOT) break;
  }
  return ROOT;
}

/**
 * Where a path may live: relative to the Markdown file, and (except for `./` and `../` paths) to the package
 * that holds the file (a README deep in a package may name `src/…`) and to the root. A link starting with `/`
 * is relative to the root, as GitHub reads it.
 */
function candidates(path, mdFile) {
  if (path.startsWith('/')) return [resolve(ROOT, `.${path}`)];
  const fromFile = resolve(dirname(mdFile), path);
  if (path.startsWith('./') || path.startsWith('../')) return [fromFile];
  return [...new Set([fromFile, resolve(packageRoot(dirname(mdFile)), path), resolve(ROOT, path)])];
}

const inRepo = (absolute) => absolute === ROOT || absolute.startsWith(ROOT + sep);
const repoRelative = (absolute) => relative(ROOT, absolute).split(sep).join('/');

const packageEntries = new Map();

/** Every file and folder of a package (folders with a trailing `/`), relative to it, skipped folders left out. */
function entriesOf(pkg) {
  if (packageEntries.has(pkg)) return packageEntries.get(pkg);
  const entries = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        entries.push(`${prefix}${entry.name}/`);
        walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else entries.push(`${prefix}${entry.name}`);
    }
  };
  walk(pkg, '');
  packageEntries.set(pkg, entries);
  return entries;
}

/**
 * Whether a package's README names, by a shorter path, something that exists deeper in the same package (the
 * edge's README says `vault/forward/` in a table of `src/` folders). Only inside a package: docs/ and the root
 * README must name paths in full.
 */
function existsInPackage(path, mdFile) {
  const pkg = packageRoot(dirname(mdFile));
  if (pkg === ROOT || path.startsWith('./') || path.startsWith('../') || path.startsWith('/')) return false;
  const wanted = path.endsWith('/') || EXTENSION.test(path) ? path : `${path}/`;
  return entriesOf(pkg).some((entry) => entry === wanted || entry.endsWith(`/${wanted}`));
}

/** Null when the path resolves (or is a generated one); otherwise why it does not. */
function problemWith(path, mdFile, { allowIgnored }) {
  const places = candidates(path, mdFile);
  const inside = places.filter(inRepo);
  if (inside.length === 0) return `${path} points outside the repository`;
  for (const place of inside) {
    if (!existsSync(place)) continue;
    if (path.endsWith('/') && !statSync(place).isDirectory()) continue;
    return null;
  }
  if (allowIgnored && inside.some((place) => isIgnored(repoRelative(place)))) return null;
  if (allowIgnored && existsInPackage(path, mdFile)) return null;
  return `${path} does not exist`;
}

// ---------------------------------------------------------------------------------------------------------------

function check(mdFile) {
  const problems = [];
  const text = readFileSync(mdFile, 'utf8');
  const report = (line, message) => problems.push(`${repoRelative(mdFile)}:${line}: ${message}`);

  text.split(/\r?\n/).forEach((line, i) => {
    if (/design\.md/i.test(line)) {
      report(i + 1, 'mentions DESIGN.md, which is not part of the repository; say it in the repository’s own words');
    }
  });

  const lines = withoutFences(text);
  for (const { content, line } of codeSpans(lines)) {
    const path = pathOfSpan(content);
    if (path === null) continue;
    const problem = problemWith(path, mdFile, { allowIgnored: true });
    if (problem) report(line, `\`${content}\`: ${problem}`);
  }
  for (const { target, line } of links(lines)) {
    const path = pathOfLink(target);
    if (path === null) continue;
    // A link must reach a file a reader of the repository has, so generated files do not count.
    const problem = problemWith(path, mdFile, { allowIgnored: false });
    if (problem) report(line, `link (${target}): ${problem}`);
  }
  return problems;
}

const args = process.argv.slice(2);
const files = args.length > 0 ? args.map((f) => (isAbsolute(f) ? f : resolve(process.cwd(), f))) : markdownFiles();
const missing = files.filter((f) => !existsSync(f));
if (missing.length > 0) {
  for (const f of missing) console.error(`check-docs: no such file: ${f}`);
  process.exit(2);
}
const problems = files.flatMap(check);
// Source comments send readers nowhere either: no file of the repository names an outside design document.
if (args.length === 0) {
  const OUTSIDE_DESIGN = ['DESIGN', 'md'].join('.');
  const sourceFiles = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(join(dir, entry.name));
      return /\.(?:[cm]?[jt]sx?|jsonc?|ya?ml|sh)$/.test(entry.name) || entry.name === 'run'
        ? [join(dir, entry.name)]
        : [];
    });
  for (const file of sourceFiles(ROOT)) {
    if (file.endsWith('check-docs.mjs')) continue;
    for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
      if (line.includes(OUTSIDE_DESIGN)) {
        problems.push(`${relative(ROOT, file)}:${i + 1}: names ${OUTSIDE_DESIGN}, which is not part of the repository`);
      }
    }
  }
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`check-docs: ${problems.length} problem(s) in ${files.length} Markdown file(s)`);
  process.exit(1);
}
console.log(`check-docs: ${files.length} Markdown file(s), every path and link resolves`);
