import { loadTessera } from '@tessera/js';
import { crossOriginEdge, FAKE_FRAME_KEYS, nextEcho } from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { oneFrame } from '../test/support/frames';
import { loadTestTessera } from '../test/support/load-test-tessera';
import { cleanup, render } from '../test/support/render';
import { CardElement, CardholderNameElement, PostalCodeElement } from './tessera-element';
import { TesseraElements } from './tessera-elements';

// Appearance, locale and the name and postal code fields through the components: new options reach the frames with
// no remount. Against the fake field page of @tessera/testing.

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('group options', () => {
  it('sends new appearance and locale to the mounted frame with elements.update(), in place', async () => {
    const tessera = loadTestTessera();
    const ui = (locale: 'es' | 'ja') => (
      <TesseraElements tessera={tessera} options={{ locale, appearance: { theme: 'night' } }}>
        <CardElement options={{ fields: { name: 'required' } }} />
      </TesseraElements>
    );
    const { host, rerender } = render(ui('es'));
    const frame = await oneFrame(host);
    await new Promise((r) => setTimeout(r, 50));
    const sent = nextEcho(frame);
    rerender(ui('ja'));
    expect(await sent).toEqual({
      tessera: 1,
      type: 'update',
      payload: { locale: 'ja', appearance: { theme: 'night' }, fields: { name: 'required' } },
    });
    expect(host.querySelector('iframe')).toBe(frame);
  });
});

describe('fields of their own', () => {
  it('mounts the name and postal code as split fields, and relays Escape', async () => {
    const tessera = loadTessera(FAKE_FRAME_KEYS.chatty, { edge: crossOriginEdge() });
    const escaped = vi.fn();
    const { host } = render(
      <TesseraElements tessera={tessera}>
        <CardholderNameElement id="name" onEscape={escaped} />
        <PostalCodeElement id="postal" />
      </TesseraElements>,
    );
    await expect.poll(() => host.querySelectorAll('iframe').length).toBe(2);
    const types = [...host.querySelectorAll('iframe')].map((f) => new URL(f.src).searchParams.get('type'));
    expect(types).toEqual(['cardholderName', 'postalCode']);
    await expect.poll(() => escaped.mock.calls.length).toBe(1);
    expect(escaped).toHaveBeenCalledWith({ elementType: 'cardholderName' });
  });
});
