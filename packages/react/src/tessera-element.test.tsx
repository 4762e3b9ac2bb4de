import type {
  CardElementChangeEvent,
  CardElementFocusEvent,
  CardElementLoadErrorEvent,
  CardElementOptions,
} from '@tessera/js';
import { loadTessera } from '@tessera/js';
import { crossOriginEdge, FAKE_FRAME_KEYS, recordEchoes } from '@tessera/testing';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneFrame } from '../test/support/frames';
import { loadTestTessera } from '../test/support/load-test-tessera';
import { messageListeners } from '../test/support/message-listeners';
import { cleanup, render } from '../test/support/render';
import type { TesseraElementHandle } from './element-types';
import {
  CardCvcElement,
  CardElement,
  CardExpiryElement,
  CardNumberElement,
  type ElementProps,
} from './tessera-element';
import { TesseraElements } from './tessera-elements';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Mounts a card with `props`, waits for ready, and returns what the tests need to watch it. */
async function mountedCard(props: ElementProps) {
  const tessera = await loadTestTessera();
  const listeners = messageListeners();
  let element: TesseraElementHandle | undefined;
  const ui = (next: ElementProps): ReactNode => (
    <TesseraElements tessera={tessera}>
      <CardElement
        {...next}
        onReady={(ready) => {
          element = ready;
        }}
      />
    </TesseraElements>
  );
  const rendered = render(ui(props));
  const frame = await oneFrame(rendered.host);
  await expect.poll(() => element).toBeDefined();
  const { echoes, refused } = recordEchoes(frame);
  return {
    frame,
    element: element as TesseraElementHandle,
    echoes,
    refused,
    listeners,
    rerender: (next: ElementProps) => rendered.rerender(ui(next)),
  };
}

describe('options', () => {
  it('sends changed options to the frame with update, merged into the current ones, in the same frame', async () => {
    const card = await mountedCard({ options: { hideIcon: true } });
    card.rerender({ options: { hideIcon: true, disabled: true } });
    await expect
      .poll(() => card.echoes)
      .toEqual([{ tessera: 1, type: 'update', payload: { hideIcon: true, disabled: true } }]);
    card.rerender({ options: { style: { base: { color: 'red' } } } });
    await expect.poll(() => card.echoes).toHaveLength(2);
    expect(card.echoes[1]).toEqual({
      tessera: 1,
      type: 'update',
      payload: { hideIcon: true, disabled: true, style: { base: { color: 'red' } } },
    });
    expect(card.refused).toEqual([]);
    expect(card.frame.isConnected).toBe(true);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(card.listeners.added()).toBe(1);
  });

  it('sends nothing when options are a new object with the same content, or removed', async () => {
    const options = (): CardElementOptions => ({ disabled: false, style: { base: { fontSize: '16px' } } });
    const card = await mountedCard({ options: options() });
    card.rerender({ options: options() });
    card.rerender({ options: options() });
    card.rerender({});
    // Commands reach the frame in order: had an update been posted, its echo would come before focus's.
    card.element.focus();
    await expect.poll(() => card.echoes.length).toBe(1);
    expect(card.echoes).toEqual([{ tessera: 1, type: 'focus', payload: {} }]);
    expect(card.refused).toEqual([]);
  });
});

describe('handlers', () => {
  it('uses new handlers without remounting: same frame, no new listener, old handler no longer called', async () => {
    const firstChange = vi.fn<(event: CardElementChangeEvent) => void>();
    const firstFocus = vi.fn<(event: CardElementFocusEvent) => void>();
    const card = await mountedCard({ onChange: firstChange, onFocus: firstFocus });
    await expect.poll(() => firstChange.mock.calls.length).toBe(1); // the frame's first change

    const nextChange = vi.fn<(event: CardElementChangeEvent) => void>();
    const nextFocus = vi.fn<(event: CardElementFocusEvent) => void>();
    card.rerender({ onChange: nextChange, onFocus: nextFocus });
    card.element.clear(); // the fake frame answers with a change
    card.element.focus(); // and with a focus event
    await expect.poll(() => nextFocus.mock.calls.length).toBe(1);
    expect(nextChange).toHaveBeenCalledExactlyOnceWith({
      elementType: 'card',
      empty: true,
      complete: false,
      valid: false,
      brand: 'unknown',
    });
    expect(nextFocus).toHaveBeenCalledWith({ elementType: 'card', field: 'number' });
    expect(firstChange).toHaveBeenCalledOnce();
    expect(firstFocus).not.toHaveBeenCalled();
    expect(card.frame.isConnected).toBe(true);
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
    expect(card.listeners.added()).toBe(1);

    const onBlur = vi.fn<(event: CardElementFocusEvent) => void>();
    card.rerender({ onBlur });
    card.element.blur();
    await expect.poll(() => onBlur.mock.calls.length).toBe(1);
  });
});

const SPLIT = [
  ['cardNumber', CardNumberElement],
  ['cardExpiry', CardExpiryElement],
  ['cardCvc', CardCvcElement],
] as const;
const tessera = await loadTestTessera();

describe('split fields', () => {
  it('mounts the number, expiry and CVC elements side by side, one frame each', async () => {
    const { host, unmount } = render(
      <TesseraElements tessera={tessera}>
        {SPLIT.map(([type, Component]) => (
          <Component key={type} id={type} />
        ))}
      </TesseraElements>,
    );
    await expect.poll(() => host.querySelectorAll('iframe').length).toBe(3);
    for (const [type] of SPLIT) expect(host.querySelector(`#${type} iframe`)).not.toBeNull();
    unmount();
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
  });
});

describe('load errors', () => {
  it('calls onLoadError when the frame never becomes ready', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const silent = await loadTessera(FAKE_FRAME_KEYS.silent, { edge: crossOriginEdge() });
      const onLoadError = vi.fn<(event: CardElementLoadErrorEvent) => void>();
      const { host } = render(
        <TesseraElements tessera={silent}>
          <CardElement onLoadError={onLoadError} />
        </TesseraElements>,
      );
      await oneFrame(host);
      vi.advanceTimersByTime(15_000);
      expect(onLoadError).toHaveBeenCalledExactlyOnceWith({
        elementType: 'card',
        error: expect.objectContaining({ type: 'frame_error', code: 'frame_timeout' }),
      });
    } finally {
      vi.useRealTimers();
    }
  });
});
