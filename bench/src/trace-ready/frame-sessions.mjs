// CDP sessions on the field frames of a merchant page, for the profile and coverage modes of trace-ready.mjs: each
// new iframe target is held paused at its start until `onFrame` has set it up, so nothing of the frame runs unseen.

/**
 * Attaches to every iframe the page creates from now on. `onFrame(sessionId, call)` runs for each before the frame
 * goes on; `call(sessionId, method, params)` sends a CDP command to that frame and resolves with its result.
 * @param {import('playwright-core').Page} page
 * @param {(sessionId: string, call: (sessionId: string, method: string, params?: object) => Promise<any>) => Promise<void>} onFrame
 */
export async function frameSessions(page, onFrame) {
  const cdp = await page.context().newCDPSession(page);
  let msgId = 0;
  const replies = new Map();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.id && replies.has(m.id)) replies.get(m.id)(m.result);
  });
  const call = (sessionId, method, params = {}) =>
    new Promise((done) => {
      const id = ++msgId;
      replies.set(id, done);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'iframe') return;
    await onFrame(sessionId, call);
    await call(sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return call;
}
