// A node:test reporter that writes the summary counts of a Jest/vitest JSON report (numPassedTests, …), the shape
// scripts/test-all.mjs adds up, so these tests count in `pnpm test` like every other runner's.
/** @param {AsyncIterable<{ type: string, data: { details?: { type?: string }, skip?: unknown, todo?: unknown } }>} events */
export default async function* summary(events) {
  let passed = 0;
  let failed = 0;
  let pending = 0;
  let todo = 0;
  for await (const event of events) {
    if (event.data?.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (event.data.todo) todo += 1;
      else if (event.data.skip) pending += 1;
      else passed += 1;
    } else if (event.type === 'test:fail') failed += 1;
  }
  const total = passed + failed + pending + todo;
  yield `${JSON.stringify({
    numTotalTests: total,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: pending,
    numTodoTests: todo,
    success: failed === 0,
  })}\n`;
}
