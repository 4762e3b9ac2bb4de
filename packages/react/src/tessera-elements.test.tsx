import { type Elements, IntegrationError, loadTessera, type Tessera } from '@tessera/js';
import { crossOriginEdge, sleep } from '@tessera/testing';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channelOf, oneFrame } from '../test/support/frames';
import { loadTestTessera } from '../test/support/load-test-tessera';
import { messageListeners } from '../test/support/message-listeners';
import { cleanup, render } from '../test/support/render';
import { useTessera, useTesseraElements } from './context';
import type { TesseraElementHandle } from './element-types';
import { CardElement } from './tessera-element';
import { TesseraElements } from './tessera-elements';

// The components drive the real @tessera/js; the fake field page of @tessera/testing on a second origin plays
// the frame. The real field page and edge are covered by the e2e tests.

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Renders nothing; hands the provider's values to the test on every render. */
function Probe({ seen }: { seen: (tessera: Tessera | null, elements: Elements | null) => void }) {
  seen(useTessera(), useTesseraElements());
  return null;
}

/** Renders the card only once the group exists, a common pattern: StrictMode then double-mounts the card itself. */
function CardWhenLoaded({ onReady }: { onReady: () => void }) {
  return useTesseraElements() ? <CardElement onReady={onReady} /> : null;
}

const decodeOptions = (encoded: string | null): unknown => {
  const binary = atob((encoded ?? '').replaceAll('-', '+').replaceAll('_', '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
};

describe('<TesseraElements>', () => {
  it('resolves the promise, then the card mounts one frame on the edge with key and parent in the query, channel and options in the fragment', async () => {
    const tesseraPromise = loadTestTessera();
    const seen: [Tessera | null, Elements | null][] = [];
    const ready = vi.fn<(element: TesseraElementHandle) => void>();
    const { host } = render(
      <TesseraElements tessera={tesseraPromise} options={{ style: { base: { color: 'navy' } } }}>
        <Probe seen={(tessera, elements) => seen.push([tessera, elements])} />
        <CardElement id="card" className="field" options={{ hideIcon: true }} onReady={ready} />
      </TesseraElements>,
    );
    const frame = await oneFrame(host);
    expect(seen[0]).toEqual([null, null]);
    const [tessera, elements] = seen.at(-1) ?? [];
    expect(tessera).toBe(await tesseraPromise);

    expect(frame.parentElement?.id).toBe('card');
    expect(frame.parentElement?.className).toBe('field');
    const url = new URL(frame.src);
    expect(url.origin).toBe(crossOriginEdge());
    expect(url.pathname).toBe('/elements/v1/card.html');
    expect(url.searchParams.get('key')).toBe('pk_test_react');
    expect(url.searchParams.get('parent')).toBe(location.origin);
    expect(channelOf(frame)).toMatch(/^[0-9a-f]{32}$/);
    expect(decodeOptions(new URLSearchParams(url.hash.slice(1)).get('options'))).toEqual({
      hideIcon: true,
      style: { base: { color: 'navy' } },
    });

    await expect.poll(() => ready.mock.calls.length).toBe(1);
    expect(ready).toHaveBeenCalledWith(elements?.getElement('card'));
  });

  it('takes an instance as well as a promise, and provides it on the first render', async () => {
    const tessera = await loadTestTessera();
    const seen: (Tessera | null)[] = [];
    const { host } = render(
      <TesseraElements tessera={tessera}>
        <Probe seen={(t) => seen.push(t)} />
        <CardElement />
      </TesseraElements>,
    );
    await oneFrame(host);
    expect(seen[0]).toBe(tessera);
  });

  it('waits while tessera is null and mounts once it is given', async () => {
    const { host, rerender } = render(
      <TesseraElements tessera={null}>
        <CardElement />
      </TesseraElements>,
    );
    await sleep(50);
    expect(host.querySelector('iframe')).toBeNull();
    rerender(
      <TesseraElements tessera={loadTestTessera()}>
        <CardElement />
      </TesseraElements>,
    );
    await oneFrame(host);
  });

  // `mounts` is how many frames StrictMode makes the card open: a component first mounted while the group exists
  // is mounted, torn down and mounted again; one mounted earlier only creates its element when the group arrives.
  it.each([
    { given: 'an instance', card: 'rendered at once', mounts: 2 },
    { given: 'a promise', card: 'rendered at once', mounts: 1 },
    { given: 'a promise', card: 'rendered once loaded', mounts: 2 },
  ] as const)(
    'under StrictMode, given $given with the card $card, leaves one frame and one message listener',
    async ({ given, card, mounts }) => {
      const tessera = given === 'a promise' ? loadTestTessera() : await loadTestTessera();
      const listeners = messageListeners();
      const ready = vi.fn();
      const groups = new Set<Elements>();
      const { host } = render(
        <StrictMode>
          <TesseraElements tessera={tessera}>
            <Probe seen={(_, elements) => elements && groups.add(elements)} />
            {card === 'rendered at once' ? <CardElement onReady={ready} /> : <CardWhenLoaded onReady={ready} />}
          </TesseraElements>
        </StrictMode>,
      );
      const frame = await oneFrame(host);
      await expect.poll(() => ready.mock.calls.length).toBe(1);
      expect(listeners.added()).toBe(mounts);
      expect(listeners.live()).toBe(1);
      expect(document.querySelectorAll('iframe')).toHaveLength(1);
      expect(frame.isConnected).toBe(true);
      expect(groups.size).toBe(1);
      expect(ready).toHaveBeenCalledWith([...groups][0]?.getElement('card'));
    },
  );

  it('removes the frame and its listener on unmount and frees the group slot', async () => {
    const listeners = messageListeners();
    let elements: Elements | null = null;
    const { host, unmount } = render(
      <StrictMode>
        <TesseraElements tessera={loadTestTessera()}>
          <Probe seen={(_, e) => (elements = e)} />
          <CardElement />
        </TesseraElements>
      </StrictMode>,
    );
    const frame = await oneFrame(host);
    const group = elements as Elements | null;
    expect(group?.getElement('card')).not.toBeNull();
    unmount();
    expect(frame.isConnected).toBe(false);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect(listeners.live()).toBe(0);
    expect(group?.getElement('card')).toBeNull();
  });

  it('keeps the first tessera and warns when the prop changes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = await loadTestTessera();
    const other = await loadTessera('pk_test_react_other', { edge: crossOriginEdge() });
    const seen: (Tessera | null)[] = [];
    const ui = (tessera: Tessera) => (
      <TesseraElements tessera={tessera}>
        <Probe seen={(t) => seen.push(t)} />
      </TesseraElements>
    );
    const { rerender } = render(ui(first));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    rerender(ui(other));
    await expect.poll(() => warn.mock.calls.length).toBe(1);
    expect(seen.at(-1)).toBe(first);
  });

  it('throws IntegrationError when a hook or an element is used outside the provider', async () => {
    const errors: unknown[] = [];
    const roots = [<Probe key="probe" seen={() => {}} />, <CardElement key="card" />].map((ui) => {
      const root = createRoot(document.createElement('div'), { onUncaughtError: (error) => errors.push(error) });
      root.render(ui);
      return root;
    });
    await expect.poll(() => errors.length).toBe(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(IntegrationError);
      expect(String(error)).toMatch(/inside <TesseraElements>/);
    }
    for (const root of roots) root.unmount();
  });
});
