// The one Node built-in the edge uses (workerd provides it under the `nodejs_compat` flag): synchronous SHA-256 for
// the audit trail's hash chain. Declared here rather than pulling @types/node, whose globals clash with workerd's.
declare module 'node:crypto' {
  interface Hash {
    update(data: string): Hash;
    digest(encoding: 'hex'): string;
  }
  export function createHash(algorithm: 'sha256'): Hash;
}
