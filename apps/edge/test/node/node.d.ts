// The few Node APIs the Node-side tests use. The edge's tsconfig carries the Workers runtime's types, not
// Node's, and the two do not mix; these tests run under Node (vitest.node.config.ts).
declare module 'node:fs' {
  export function readFileSync(path: URL, encoding: 'utf8'): string;
  export function writeFileSync(path: URL, data: string): void;
}
declare const process: { env: Record<string, string | undefined> };
interface ImportMeta {
  url: string;
}
