// The merchant page of the Chromium benchmarks (served by page-server.mjs on localhost, another origin than the
// edge). It loads the production SDK build (/tessera.js = packages/js/dist/tessera.js) and exposes window.bench
// for ready.mjs and memory.mjs. Times are this page's performance.now(); `at` is absolute (timeOrigin + now) so
// it can be compared with a time taken inside the field frame.
// `floor1` and `floor3` mount bare frames instead (one, or three at once): a page on the edge's origin holding one
// input that posts `ready` (edge-server.mjs's `floor` worker), mounted and timed the same way as the elements.
// For tokenize-browser.mjs: `pay()` is a merchant's Pay button (tessera.createToken on the mounted card; this page
// never sees the card, and returns only whether a token came back), `mountPayFloor()` / `payFloor()` a bare frame on
// the edge's origin that answers each message with one same-origin POST to a trivial route (`pay-floor`).
import { loadTessera } from '/tessera.js';

const { pk, edge } = JSON.parse(document.getElementById('bench-config').textContent);
const tessera = await loadTessera(pk, { edge });
const now = () => performance.now();
const at = () => performance.timeOrigin + performance.now();
const SPLIT = [
  ['cardNumber', '#number'],
  ['cardExpiry', '#expiry'],
  ['cardCvc', '#cvc'],
];
let live = [];
/** The bare frames mounted, each with its message listener. */
let floors = [];
const changes = [];
const FLOORS = { floor1: ['#card'], floor3: SPLIT.map(([, target]) => target) };
let floorCount = 0;

/** Mounts bare frames on the edge's origin in `targets`, synchronously; resolves with each one's ready time. */
function mountFloors(targets) {
  return targets.map((target) => {
    const channel = `floor${++floorCount}`;
    const frame = document.createElement('iframe');
    frame.src = `${edge}/__bench/floor?parent=${encodeURIComponent(location.origin)}#${channel}`;
    frame.title = 'bare frame';
    // As the SDK styles its frames (element-frame.ts).
    frame.setAttribute('frameborder', '0');
    frame.setAttribute('scrolling', 'no');
    frame.style.cssText =
      'display:block;border:0;margin:0;padding:0;width:100%;min-width:100%;overflow:hidden;height:50px';
    let onMessage;
    const ready = new Promise((done) => {
      onMessage = (e) => {
        if (e.origin !== edge || e.source !== frame.contentWindow) return;
        if (e.data?.floor === 'ready' && e.data.channel === channel) done(now());
      };
    });
    window.addEventListener('message', onMessage);
    floors.push({ frame, onMessage });
    document.querySelector(target).append(frame);
    return ready;
  });
}

function watch(element, name) {
  element.on('change', (e) => changes.push({ name, empty: e.empty, complete: e.complete, t: now(), at: at() }));
}

/**
 * Mounts `card` or the three split elements, synchronously; `pending` resolves when every one said ready
 * (the last of them) or rejects on timeout.
 */
let pending;
function start(kind, timeoutMs = 10000) {
  unmountAll();
  changes.length = 0;
  if (FLOORS[kind]) return startFloor(FLOORS[kind], timeoutMs);
  const elements = tessera.elements();
  const made = kind === 'card' ? [['card', '#card']] : SPLIT;
  const created = made.map(([type, target]) => ({ type, target, el: elements.create(type) }));
  const readies = created.map(
    ({ el }) =>
      new Promise((done, fail) => {
        el.on('ready', () => done(now()));
        el.on('loaderror', (e) => fail(new Error(`loaderror ${e.error?.code}`)));
      }),
  );
  for (const { el, type } of created) watch(el, type);
  live = created.map((c) => c.el);
  const t0 = now();
  for (const { el, target } of created) el.mount(target);
  settle(readies, t0, timeoutMs);
  return t0;
}

function startFloor(targets, timeoutMs) {
  const t0 = now();
  settle(mountFloors(targets), t0, timeoutMs);
  return t0;
}

/** `pending`: the last of `readies`, relative to t0, or a rejection after timeoutMs. */
function settle(readies, t0, timeoutMs) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error('ready timeout')), timeoutMs);
  });
  pending = Promise.race([Promise.all(readies), timeout])
    .finally(() => clearTimeout(timer))
    .then((times) => ({ t0, readyMs: Math.max(...times) - t0, each: times.map((t) => t - t0) }));
  pending.catch(() => {});
}

/** Mounts (`card`, `split`, `floor1`, `floor3`) and waits for ready. */
function mount(kind, timeoutMs) {
  start(kind, timeoutMs);
  return pending;
}

function unmountAll() {
  for (const el of live) el.destroy();
  live = [];
  for (const { frame, onMessage } of floors) {
    window.removeEventListener('message', onMessage);
    frame.remove();
  }
  floors = [];
  unmountPayFloor();
}

/** `promise`, or a rejection with `message` after timeoutMs. */
function within(promise, timeoutMs, message) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Pay → token on the mounted card, as a merchant's Pay button does it (docs/merchant.md): the time createToken takes,
 * in this page's clock, and only whether a token came back or the error's type and code; never the token or the card.
 */
async function pay(timeoutMs = 10000) {
  const [card] = live;
  if (!card) throw new Error('no card mounted');
  const t0 = now();
  const result = await within(tessera.createToken(card), timeoutMs, 'tokenize timeout');
  const ms = now() - t0;
  if ('error' in result) return { ms, ok: false, error: `${result.error.type}/${result.error.code}` };
  return { ms, ok: typeof result.token === 'string' };
}

/** The bare frame answering payFloor(), its message listener and the answers awaited. */
let payFloorFrame = null;

/** Mounts the pay floor's bare frame in `target`; resolves once it said ready. */
function mountPayFloor(target = '#number', timeoutMs = 10000) {
  unmountPayFloor();
  const channel = `payfloor${++floorCount}`;
  const frame = document.createElement('iframe');
  frame.src = `${edge}/__bench/pay-floor?parent=${encodeURIComponent(location.origin)}#${channel}`;
  frame.title = 'bare frame';
  frame.setAttribute('frameborder', '0');
  frame.setAttribute('scrolling', 'no');
  frame.style.cssText =
    'display:block;border:0;margin:0;padding:0;width:100%;min-width:100%;overflow:hidden;height:44px';
  const answers = new Map();
  let said;
  const ready = new Promise((done) => {
    said = done;
  });
  const onMessage = (e) => {
    if (e.origin !== edge || e.source !== frame.contentWindow || e.data?.channel !== channel) return;
    if (e.data.payFloor === 'ready') said();
    if (e.data.payFloor === 'answer') {
      const t = now();
      answers.get(e.data.id)?.({ ok: e.data.ok === true, t });
      answers.delete(e.data.id);
    }
  };
  window.addEventListener('message', onMessage);
  payFloorFrame = { frame, onMessage, answers, next: 0 };
  document.querySelector(target).append(frame);
  return within(ready, timeoutMs, 'pay floor: ready timeout');
}

/** One message to the pay floor's frame → its answer (one same-origin POST in between), in this page's clock. */
async function payFloor(timeoutMs = 10000) {
  if (!payFloorFrame) throw new Error('no pay floor mounted');
  const { frame, answers } = payFloorFrame;
  const id = ++payFloorFrame.next;
  const answered = new Promise((done) => answers.set(id, done));
  const t0 = now();
  frame.contentWindow.postMessage({ payFloor: 'pay', id }, edge);
  const { ok, t } = await within(answered, timeoutMs, 'pay floor: answer timeout');
  return { ms: t - t0, ok };
}

function unmountPayFloor() {
  if (!payFloorFrame) return;
  window.removeEventListener('message', payFloorFrame.onMessage);
  payFloorFrame.frame.remove();
  payFloorFrame = null;
}

/** Resolves with the first change matching `pred` after index `from`. */
function waitChange(pred, from = 0, timeoutMs = 5000) {
  return new Promise((done, fail) => {
    const start = now();
    const poll = () => {
      const hit = changes.slice(from).find(pred);
      if (hit) return done(hit);
      if (now() - start > timeoutMs) return fail(new Error('no change event'));
      setTimeout(poll, 1);
    };
    poll();
  });
}

/** Split fields exist when the SDK accepts the type (IntegrationError otherwise). */
function supportsSplit() {
  try {
    tessera.elements().create('cardNumber').destroy();
    return true;
  } catch {
    return false;
  }
}

/** Mount and unmount one card element n times, each time waiting for ready. */
async function cycles(n) {
  const elements = tessera.elements();
  const card = elements.create('card');
  for (let i = 0; i < n; i++) {
    const ready = new Promise((done) => card.on('ready', done));
    card.mount('#card');
    await ready;
    card.off('ready');
    card.unmount();
  }
  card.destroy();
}

window.bench = {
  start,
  pending: () => pending,
  mount,
  unmountAll,
  waitChange,
  changeCount: () => changes.length,
  supportsSplit,
  cycles,
  pay,
  mountPayFloor,
  payFloor,
  now,
  at,
};
window.benchReady = true;
