import { FIELD_ERRORS } from '@tessera/protocol';
import {
  crossOriginEdge,
  FAKE_FRAME_KEYS,
  FAKE_INCOMPLETE,
  FAKE_TITLE,
  nextEcho,
  recordEchoes,
} from '@tessera/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { container } from '../test/support/container';
import { nextEvent } from '../test/support/next-event';
import { IntegrationError } from './integration-error';
import { loadTessera } from './load-tessera';

// The options of elements() and create(): their shape is checked at setup; their values reach the field page as they
// are, and what it cannot apply comes back as a warning the SDK prints. Against the fake field page (@tessera/testing).

afterEach(() => {
  vi.restoreAllMocks();
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

const optionsOf = (frame: HTMLIFrameElement) => {
  const encoded = new URLSearchParams(new URL(frame.src).hash.slice(1)).get('options') ?? '';
  const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
};

async function mounted(key: string, types: string[], options = {}) {
  const tessera = await loadTessera(key, { edge: crossOriginEdge() });
  const elements = tessera.elements(options);
  const made = types.map((type) => elements.create(type as 'cardNumber'));
  const hosts = made.map(() => container());
  const ready = made.map((element) => nextEvent(element, 'ready'));
  made.forEach((element, i) => {
    element.mount(hosts[i] as HTMLElement);
  });
  await Promise.all(ready);
  const frames = hosts.map((host) => host.querySelector('iframe') as HTMLIFrameElement);
  return { tessera, elements, made, hosts, frames };
}

describe('options at setup', () => {
  it('throws IntegrationError naming an option that does not exist, or one the element does not take', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    expect(() => tessera.elements({ apperance: {} } as never)).toThrow(/unknown option "apperance"/);
    expect(() => tessera.elements({ fields: {} } as never)).toThrow(IntegrationError);
    const elements = tessera.elements();
    expect(() => elements.create('card', { hideicon: true } as never)).toThrow(
      /create\('card'\): unknown option "hideicon"/,
    );
    expect(() => elements.create('cardNumber', { fields: { name: 'required' } })).toThrow(
      /"fields" is an option of the "card"/,
    );
    expect(() => elements.create('card', 'dark' as never)).toThrow(/takes an options object/);
    const card = elements.create('card');
    expect(() => card.update({ locale: 'es', themes: 'night' } as never)).toThrow(
      /update\(\): unknown option "themes"/,
    );
    expect(() => elements.update({ disabled: true } as never)).toThrow(
      /elements.update\(\): unknown option "disabled"/,
    );
  });

  it('puts the group’s options under the element’s own in the frame URL, appearance merged rule by rule', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const elements = tessera.elements({
      locale: 'es',
      strings: { 'label.cvc': 'CVV' },
      appearance: { theme: 'night', variables: { colorText: '#eee' }, rules: { '.Input': { padding: '4px' } } },
    });
    const card = elements.create('card', {
      fields: { name: 'required' },
      strings: { 'label.name': 'Titular' },
      appearance: { variables: { borderRadius: '8px' }, rules: { '.Input': { color: 'red' } } },
    });
    const host = container();
    card.mount(host);
    expect(optionsOf(host.querySelector('iframe') as HTMLIFrameElement)).toEqual({
      locale: 'es',
      strings: { 'label.cvc': 'CVV', 'label.name': 'Titular' },
      appearance: {
        theme: 'night',
        variables: { colorText: '#eee', borderRadius: '8px' },
        rules: { '.Input': { padding: '4px', color: 'red' } },
      },
      fields: { name: 'required' },
    });
  });
});

describe('autofill across frames', () => {
  it('delegates the autofill policy to every frame where the browser knows it, and stays quiet where not', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    const host = container();
    tessera.elements().create('cardNumber').mount(host);
    const known = (document as { featurePolicy?: { features(): string[] } }).featurePolicy?.features() ?? [];
    expect(host.querySelector('iframe')?.getAttribute('allow')).toBe(known.includes('autofill') ? 'autofill' : null);

    // As Chromium does with the policy on (today behind --enable-features=AutofillPolicyControlledFeatureAutofill).
    vi.spyOn(document, 'featurePolicy' as never, 'get').mockReturnValue({
      features: () => [...known, 'autofill'],
    } as never);
    const other = container();
    tessera.elements().create('card').mount(other);
    expect(other.querySelector('iframe')?.getAttribute('allow')).toBe('autofill');
  });
});

describe('options after mount: update without a remount', () => {
  it('sends the element’s new options, over the group’s, to the same frame', async () => {
    const { made, frames } = await mounted('pk_test_fake', ['card'], { locale: 'de' });
    const [card] = made;
    const sent = nextEcho(frames[0]);
    card?.update({ appearance: { theme: 'flat' } });
    expect(await sent).toEqual({
      tessera: 1,
      type: 'update',
      payload: { locale: 'de', appearance: { theme: 'flat' } },
    });
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('sends a group’s new options to each of its elements', async () => {
    const { elements, frames } = await mounted('pk_test_fake', ['cardNumber', 'cardExpiry']);
    const echoes = frames.map((frame) => recordEchoes(frame));
    elements.update({ locale: 'ja', appearance: { theme: 'night' } });
    await vi.waitFor(() => expect(echoes.every((e) => e.echoes.length === 1)).toBe(true));
    for (const e of echoes) {
      expect(e.echoes[0]).toEqual({
        tessera: 1,
        type: 'update',
        payload: { locale: 'ja', appearance: { theme: 'night' } },
      });
      e.stop();
    }
  });
});

describe('what the field page says on its own', () => {
  it('takes the frame’s title in its language, warns once per page, and relays escape', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tessera = await loadTessera(FAKE_FRAME_KEYS.chatty, { edge: crossOriginEdge() });
    const elements = tessera.elements();
    const card = elements.create('card');
    const named = tessera.elements().create('card', { strings: { 'title.card': 'Pago seguro' } });
    const escaped = nextEvent(card, 'escape');
    const [a, b] = [container(), container()];
    card.mount(a);
    named.mount(b);
    expect(await escaped).toEqual({ elementType: 'card' });
    const frameA = a.querySelector('iframe') as HTMLIFrameElement;
    const frameB = b.querySelector('iframe') as HTMLIFrameElement;
    await vi.waitFor(() => expect(frameA.title).toBe(FAKE_TITLE));
    // The merchant's own title stays.
    expect(frameB.title).toBe('Pago seguro');
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(warn.mock.calls).toEqual([
      ['Tessera: the option appearance.theme must be one of default, night, flat; its default applies.'],
    ]);
  });

  it('moves focus to the next split field on the page when one is complete', async () => {
    // Expiry first on the page, then number, then code: after the number comes the code.
    const tessera = await loadTessera(FAKE_FRAME_KEYS.chatty, { edge: crossOriginEdge() });
    const elements = tessera.elements();
    const [expiry, number, cvc] = ['cardExpiry', 'cardNumber', 'cardCvc'].map((t) => elements.create(t as 'cardCvc'));
    const hosts = [container(), container(), container()];
    const ready = [expiry, number, cvc].map((element) => nextEvent(element as never, 'ready'));
    const cvcFocus = new Promise((resolve) => {
      const observe = () => {
        const frame = hosts[2]?.querySelector('iframe');
        if (frame) resolve(nextEcho(frame));
        else setTimeout(observe, 5);
      };
      observe();
    });
    expiry?.mount(hosts[0] as HTMLElement);
    cvc?.mount(hosts[2] as HTMLElement);
    await Promise.all([ready[0], ready[2]]);
    number?.mount(hosts[1] as HTMLElement);
    expect(await cvcFocus).toEqual({ tessera: 1, type: 'focus', payload: {} });
  });
});

describe('elements.submit()', () => {
  it('answers nothing when every field is complete and valid', async () => {
    const { elements } = await mounted('pk_test_fake', ['cardNumber', 'cardExpiry', 'cardCvc', 'postalCode']);
    expect(await elements.submit()).toEqual({});
  });

  it('answers the first error in page order, focuses that field, and tokenizes nothing', async () => {
    const { elements, frames } = await mounted(FAKE_FRAME_KEYS.incomplete, ['cardCvc', 'cardNumber', 'cardExpiry']);
    const focus = nextEcho(frames[0]);
    const echoes = frames.map((frame) => recordEchoes(frame));
    const code = FAKE_INCOMPLETE.cardCvc;
    expect(await elements.submit()).toEqual({
      error: { type: 'validation_error', code, message: FIELD_ERRORS[code] },
    });
    await focus;
    expect(echoes.flatMap((e) => e.echoes).filter((m) => m.type === 'tokenize')).toEqual([]);
    for (const e of echoes) e.stop();
  });

  it('answers not_mounted when the group cannot be checked yet', async () => {
    const tessera = await loadTessera('pk_test_fake', { edge: crossOriginEdge() });
    expect(await tessera.elements().submit()).toMatchObject({ error: { code: 'not_mounted' } });
    const split = tessera.elements();
    split.create('cardNumber').mount(container());
    expect(await split.submit()).toMatchObject({ error: { code: 'not_mounted' } });
  });
});

describe('name and postal code as split fields', () => {
  it('has the number frame collect them when the group holds them', async () => {
    const { tessera, made, frames } = await mounted('pk_test_fake', [
      'cardholderName',
      'cardNumber',
      'cardExpiry',
      'cardCvc',
      'postalCode',
    ]);
    expect(frames.map((frame) => frame.title)).toEqual([
      'Secure cardholder name input frame',
      'Secure card number input frame',
      'Secure expiration date input frame',
      'Secure CVC input frame',
      'Secure postal code input frame',
    ]);
    const sent = nextEcho(frames[1]);
    await tessera.createToken(made[0] as never);
    expect(await sent).toMatchObject({ type: 'tokenize', payload: { collect: ['cardholderName', 'postalCode'] } });
  });
});
