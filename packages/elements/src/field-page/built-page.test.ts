// The production build of card.html, served as the edge serves it (nonce + strict CSP, see
// test/support/built-field-page.ts), framed by this test page as the merchant page frames it.
import { base64url, type Envelope, envelope, type FrameToParent, isFrameToParent } from '@tessera/protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { edgeLog, fakeKey } from '../../test/support/fake-edge-client';

/** How long a step of the built page may take: the first request builds it, sealing runs in the page. */
const WAIT = { timeout: 10_000, interval: 10 };

const SVG = 'http://www.w3.org/2000/svg';

/** The brand icon as the page drew it: an element out of the SVG namespace would not be drawn at all. */
function brandIcon(doc: Document) {
  const svg = doc.querySelector('tessera-card-field')!.shadowRoot!.querySelector('[part="brand-icon"] svg')!;
  const shapes = [...svg.querySelectorAll('*')] as SVGGraphicsElement[];
  return { svg, shapes, outsideSvg: [svg, ...shapes].filter((e) => e.namespaceURI !== SVG).length };
}

/** The URLs a frame's document fetched, in order. */
const performanceNames = (frame: HTMLIFrameElement) =>
  frame.contentWindow!.performance.getEntriesByType('resource').map((e) => e.name);

/** Text as the SDK puts options in the fragment: UTF-8, base64url without padding. */
const encoded = (text: string) => base64url(new TextEncoder().encode(text));

describe('the built field page under the edge’s CSP', () => {
  const key = fakeKey('built');
  const messages: Envelope<FrameToParent>[] = [];
  const frame = document.createElement('iframe');
  const onMessage = (e: MessageEvent) => {
    // From the card's frame, or the split field's of the last test (told apart by their channels).
    const fromFrame = [...document.querySelectorAll('iframe')].some((f) => f.contentWindow === e.source);
    if (e.origin === location.origin && e.source !== null && fromFrame && isFrameToParent(e.data)) {
      messages.push(e.data);
    }
  };
  afterAll(() => {
    window.removeEventListener('message', onMessage);
    frame.remove();
  });

  it('renders and says ready, with the merchant style applied', async () => {
    window.addEventListener('message', onMessage);
    const options = encoded(JSON.stringify({ style: { base: { color: '#112233' } } }));
    frame.title = 'Secure card payment input frame';
    frame.src = `/elements/v1/card.html?key=${key}&parent=${encodeURIComponent(location.origin)}#channel=chan_built&options=${options}`;
    document.body.append(frame);
    const ready = await vi.waitFor(() => {
      const found = messages.find((m) => m.type === 'ready');
      if (!found) throw new Error('not ready yet');
      return found;
    }, 30_000);
    expect(ready.payload).toEqual({ element: 'card', channel: 'chan_built' });

    const doc = frame.contentDocument!;
    // The combined card's code is inline: one script, the edge's nonce on it, nothing loaded.
    const scripts = [...doc.scripts];
    expect(scripts.map((s) => [s.src, s.type, s.nonce !== ''])).toEqual([['', '', true]]);
    expect(performanceNames(frame).filter((name) => name.endsWith('.js'))).toEqual([]);
    const number = doc.querySelector('tessera-card-field')!.shadowRoot!.querySelector('input')!;
    expect(getComputedStyle(number).color).toBe('rgb(17, 34, 51)');
    expect(getComputedStyle(number).borderTopStyle).toBe('none');
    // The generic card mark, from a template the build compiled: drawn, 32 × 20.
    const generic = brandIcon(doc);
    expect(generic.outsideSvg).toBe(0);
    expect(generic.svg.getBoundingClientRect()).toMatchObject({ width: 32, height: 20 });
    expect(generic.shapes.map((e) => e.getBBox().width)).toEqual([30.5, 30, 9]);
  });

  it('takes a card from the keyboard and tokenizes it, sealing with the browser’s own WebCrypto', async () => {
    frame.contentWindow!.postMessage(envelope({ type: 'focus', payload: {} }), location.origin);
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'focus')).toBe(true), WAIT);
    await userEvent.keyboard('4242424242424242');
    await userEvent.keyboard('1234');
    await userEvent.keyboard('123');
    await vi.waitFor(() => expect(messages.some((m) => m.type === 'change' && m.payload.complete)).toBe(true), WAIT);
    // Visa's badge: a compiled <svg> around a fragment made in the browser, its text drawn.
    const visa = brandIcon(frame.contentDocument!);
    expect(visa.outsideSvg).toBe(0);
    expect(visa.shapes.map((e) => e.tagName)).toEqual(['rect', 'text']);
    expect(visa.shapes[1]!.textContent).toBe('VISA');
    expect(visa.shapes[1]!.getBBox().width).toBeGreaterThan(0);

    frame.contentWindow!.postMessage(envelope({ type: 'tokenize', id: 'built_1', payload: {} }), location.origin);
    const result = await vi.waitFor(() => {
      const found = messages.find((m) => m.type === 'tokenize:result');
      if (!found) throw new Error('no answer yet');
      return found;
    }, WAIT);
    expect(result.payload).toEqual({
      token: expect.stringMatching(/^tok_/),
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
    });
    expect((await edgeLog(key)).opened).toEqual([
      { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' },
    ]);
    expect(performanceNames(frame).some((name) => name.includes('webcrypto-liner'))).toBe(false);
  });

  it('answers a split field with the page that loads the code from its file, which says ready', async () => {
    const split = document.createElement('iframe');
    split.title = 'Secure card number input frame';
    split.src = `/elements/v1/card.html?key=${key}&parent=${encodeURIComponent(location.origin)}&type=cardNumber#channel=chan_split`;
    document.body.append(split);
    try {
      await vi.waitFor(() => {
        const ready = messages.find((m) => m.type === 'ready' && m.payload.element === 'cardNumber');
        if (ready?.type !== 'ready') throw new Error('not ready yet');
        expect(ready.payload).toEqual({ element: 'cardNumber', channel: 'chan_split' });
      }, 30_000);
      const scripts = [...split.contentDocument!.scripts];
      expect(scripts.map((s) => [s.type, s.async, s.text, s.nonce !== ''])).toEqual([['', false, '', true]]);
      expect(performanceNames(split).filter((name) => name.endsWith('.js'))).toEqual([scripts[0]!.src]);
    } finally {
      split.remove();
    }
  });

  it('broke no CSP rule and posted no digit to the parent', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const reports = (await (await fetch('/elements/v1/__csp-reports')).json()) as unknown[];
    expect(reports).toEqual([]);
    const text = JSON.stringify(messages.filter((m) => m.type !== 'resize' && m.type !== 'tokenize:result'));
    expect(text.replaceAll('"tessera":1', '')).not.toMatch(/\d/);
  });
});
