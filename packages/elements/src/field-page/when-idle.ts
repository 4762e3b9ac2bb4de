/**
 * Runs `task` when the page's main thread is idle (within `timeoutMs`), or on the next task where idle callbacks
 * do not exist. The frames of a split group share one renderer's main thread: what a frame does after its ready
 * waits here, so that a sibling still loading does not wait on it.
 */
export function whenIdle(task: () => void, timeoutMs = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 0);
}
