import { setTimeout as sleep } from 'node:timers/promises';
import type { RotateStatus } from '../api/admin-types';

export interface WatchOptions {
  read(): Promise<RotateStatus>;
  intervalMs: number;
  signal?: AbortSignal | undefined;
  /** Each status that differs from the one before (the first always). */
  onStatus(status: RotateStatus): void;
}

const same = (a: RotateStatus, b: RotateStatus) =>
  a.state === b.state && a.done === b.done && a.total === b.total && a.failed === b.failed && a.kek === b.kek;

/** Polls the rotation until it is no longer running (or `signal` aborts); answers the last status read. */
export async function watchRotation(options: WatchOptions, first?: RotateStatus): Promise<RotateStatus> {
  let last = first ?? (await options.read());
  options.onStatus(last);
  while (last.state === 'running' && !options.signal?.aborted) {
    try {
      await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      break; // aborted while waiting
    }
    const next = await options.read();
    if (!same(next, last)) options.onStatus(next);
    last = next;
  }
  return last;
}

/** How many merchants the rotation has been through, rewrapped or failed. */
export const processed = (status: RotateStatus) => status.done + status.failed;

/** A status, for a person. */
export function describeRotation(status: RotateStatus): string {
  const failed = status.failed === 0 ? '' : `, ${status.failed} failed`;
  const kek = status.kek === null ? '' : ` to ${status.kek}`;
  switch (status.state) {
    case 'idle':
      return 'No rotation has run: the first KEK of TESSERA_KEKS is the active one.';
    case 'running':
      return `Rotating${kek}: ${processed(status)}/${status.total} merchants${failed}.`;
    default:
      return `Rotation${kek} done: ${status.done}/${status.total} merchants rewrapped${failed}.`;
  }
}
