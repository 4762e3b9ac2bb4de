// Part 4b: Pay → token in Chromium, against its floor. The bench merchant page (localhost) mounts the combined card
// (edge on 127.0.0.1, another site: an out-of-process frame, as in production); Playwright types a test card into the
// frame; the page then calls `tessera.createToken(card)` as a Pay button does (docs/merchant.md) and times it in its
// own clock. The page never sees the card: it gets a token or an error value, and passes on only which.
//   browser: createToken → the token, warm (one unmeasured tokenize first; the field page has its sealing key and
//            WebCrypto ready, the connection to the edge is open): the SDK posts `tokenize` to the frame, the frame
//            checks its fields, seals the card and POSTs /v1/tokens (same-origin), the edge unseals it and has the
//            merchant's vault store it, and the answer comes back the same way.
//   floor:   a bare frame on the edge's origin (edge-server.mjs's `pay-floor`): page postMessage → the frame POSTs a
//            small JSON body to /__bench/ok (the trivial route, same-origin) → its answer posted back → the page.
//            What any frame costs to ask its own origin something and answer.
// Runs alternate (tokenize first, then the floor first, …) so both see the same load. ratioBrowser = browser median ÷
// floor median, budget ≤ 2. The edge lets one card be tokenized 10 times per 10 minutes by default (its card-testing
// rules), so the card changes every PER_CARD tokenizations: Luhn-valid numbers in the Visa test range (seal-pool.mjs's
// luhnPan), typed again into the number field between runs. No card digit is logged.
import { quantile } from './browser.mjs';
import { luhnPan } from './seal-pool.mjs';

export const RUNS = Number(process.env.BENCH_TOKENIZE_RUNS || process.env.BENCH_READY_RUNS || 25);
/** How many times slower than its floor Pay → token may be (median over median). */
export const BROWSER_RATIO_BUDGET = 2;
/** Tokenizations per card, the warm-up included: under the edge's default of 10 per card per 10 minutes. */
const PER_CARD = 8;
const EXPIRY = '1234'; // 12 / 34
const CVC = '123';

/** The k-th test card: the Visa test prefix, k in three digits, and the Luhn digit. */
const cardNumber = (k) => luhnPan('424242424242', k);

const stats = (xs) => ({ medianMs: quantile(xs, 0.5), p90Ms: quantile(xs, 0.9), runs: xs.length });

/** @param {{ open: () => Promise<{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext, problems: string[] }>, log: (s: string) => void }} o */
export async function tokenizeBench({ open, log }) {
  const { page, context, problems } = await open();
  // Every request of the page and its frames: one POST /v1/tokens per tokenize, one POST /__bench/ok per floor run.
  const requests = { tokenPosts: 0, floorPosts: 0, sealKeys: 0 };
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() === 'POST' && pathname === '/v1/tokens') requests.tokenPosts++;
    if (request.method() === 'POST' && pathname === '/__bench/ok') requests.floorPosts++;
    if (pathname === '/v1/keys/seal') requests.sealKeys++;
  });
  const evaluate = (fn, arg) => page.evaluate(fn, arg);
  try {
    await evaluate(() => window.bench.mount('card'));
    await evaluate(() => window.bench.mountPayFloor('#number'));
    const frame = page.frameLocator('#card iframe');
    const number = frame.getByLabel('Card number');
    /** Types the k-th card's number (the whole card the first time) and waits for the element to say complete. */
    const typeCard = async (k, first) => {
      const from = await evaluate(() => window.bench.changeCount());
      if (!first) await number.fill('');
      await number.pressSequentially(cardNumber(k), { timeout: 10000 });
      if (first) {
        await frame.getByLabel('Expiration date').pressSequentially(EXPIRY, { timeout: 10000 });
        await frame.getByLabel('Security code').pressSequentially(CVC, { timeout: 10000 });
      }
      await evaluate(([f]) => window.bench.waitChange((c) => c.complete === true, f), [from]);
    };
    await typeCard(0, true);

    const browser = [];
    const floor = [];
    const errors = [];
    let made = 0;
    const pay = async () => {
      if (made > 0 && made % PER_CARD === 0) await typeCard(made / PER_CARD, false);
      made++;
      const r = await evaluate(() => window.bench.pay());
      if (!r.ok) errors.push(r.error ?? 'no token');
      return r;
    };
    const payFloor = async () => {
      const r = await evaluate(() => window.bench.payFloor());
      if (!r.ok) errors.push('floor: no ok');
      return r;
    };
    // Warm-up: the first tokenize and the first floor run are not measured.
    await pay();
    await payFloor();
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        const t = await pay();
        if (t.ok) browser.push(t.ms);
        const f = await payFloor();
        if (f.ok) floor.push(f.ms);
      } else {
        const f = await payFloor();
        if (f.ok) floor.push(f.ms);
        const t = await pay();
        if (t.ok) browser.push(t.ms);
      }
    }
    await evaluate(() => window.bench.unmountAll());
    const out = {
      runs: RUNS,
      cache: 'warm: one unmeasured tokenize and floor run first',
      browser: stats(browser),
      floor: stats(floor),
      ratioBudget: BROWSER_RATIO_BUDGET,
      cards: Math.ceil(made / PER_CARD),
      requests,
    };
    out.ratioBrowser =
      out.browser.medianMs != null && out.floor.medianMs
        ? Number((out.browser.medianMs / out.floor.medianMs).toFixed(2))
        : null;
    if (errors.length > 0) {
      out.errors = [...new Set(errors)].slice(0, 5);
      out.failed = errors.length;
      if (problems.length > 0) out.pageSaw = [...new Set(problems)].slice(0, 3);
    }
    log(
      `  Pay → token: median ${out.browser.medianMs} ms; floor (postMessage → same-origin POST → answer) ${out.floor.medianMs} ms; ratio ${out.ratioBrowser}${errors.length > 0 ? `; ${errors.length} failed (${out.errors.join(', ')})` : ''}`,
    );
    return out;
  } finally {
    await context.close();
  }
}
