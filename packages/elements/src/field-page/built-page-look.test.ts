// The production build of card.html under the edge's CSP (test/support/built-field-page.ts), asked for Arabic and a
// styled look with a web font: the locale file, the rules and the font all load under the page's own policy.
import { base64url, type Envelope, envelope, type FrameToParent, isFrameToParent } from '@tessera/protocol';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeKey } from '../../test/support/fake-edge-client';

/** Text as the SDK puts options in the fragment: UTF-8, base64url without padding. */
const encoded = (text: string) => base64url(new TextEncoder().encode(text));
const INTER = 'https://fonts.gstatic.com/s/inter/v13/UcC73FwrK3iLTeHuS_fvQtMwCp50KnMa1ZL7.woff2';

describe('the built field page in Arabic, styled, with a web font', () => {
  const messages: Envelope<FrameToParent>[] = [];
  const frame = document.createElement('iframe');
  const onMessage = (e: MessageEvent) => {
    if (e.source === frame.contentWindow && isFrameToParent(e.data)) messages.push(e.data);
  };
  const first = <T extends Envelope<FrameToParent>['type']>(type: T) =>
    vi.waitFor(
      () => {
        const found = messages.find((m) => m.type === type);
        if (!found) throw new Error(`no ${type} yet`);
        return found as Envelope<FrameToParent> & { type: T };
      },
      { timeout: 30_000, interval: 10 },
    );
  afterAll(() => {
    window.removeEventListener('message', onMessage);
    frame.remove();
  });

  it('loads the locale file, lays out right to left and names itself in Arabic', async () => {
    window.addEventListener('message', onMessage);
    const options = {
      locale: 'ar',
      fields: { name: 'required' },
      appearance: {
        theme: 'night',
        fonts: [{ family: 'Inter', src: INTER, weight: '400' }],
        variables: { fontFamily: 'Inter, sans-serif' },
        rules: { '.Input': { borderColor: 'rgb(1, 2, 3)' } },
      },
    };
    frame.title = 'built page, Arabic';
    frame.src = `/elements/v1/card.html?key=${fakeKey('look')}&parent=${encodeURIComponent(location.origin)}#channel=chan_look&options=${encoded(JSON.stringify(options))}`;
    document.body.append(frame);
    await first('ready');
    expect((await first('title')).payload.title).toBe('إطار آمن لإدخال بيانات الدفع بالبطاقة');
    const doc = frame.contentDocument!;
    expect(doc.documentElement.lang).toBe('ar');
    expect(doc.documentElement.dir).toBe('rtl');
    const root = doc.querySelector('tessera-card-field')!.shadowRoot!;
    expect(root.querySelector('label[for="number"]')!.textContent).toBe('رقم البطاقة');
    expect(root.querySelector('label[for="name"]')!.textContent).toBe('الاسم على البطاقة');
    const box = root.querySelector('.box')!;
    expect(getComputedStyle(box).backgroundColor).toBe('rgb(48, 49, 61)');
    expect(getComputedStyle(box).borderTopColor).toBe('rgb(1, 2, 3)');
    expect(messages.filter((m) => m.type === 'warning')).toEqual([]);
  });

  it('asks for the web font from its allow-listed origin (the network may not answer; the policy allows it)', async () => {
    const face = await vi.waitFor(() => {
      const found = [...frame.contentDocument!.fonts].find((f) => f.family.replaceAll('"', '') === 'Inter');
      if (!found || found.status === 'unloaded') throw new Error('font not asked for yet');
      return found;
    }, 10_000);
    expect(['loading', 'loaded', 'error']).toContain(face.status);
  });

  it('switches to Japanese on update, in the same page', async () => {
    const input = frame.contentDocument!.querySelector('tessera-card-field')!.shadowRoot!.querySelector('#number');
    frame.contentWindow!.postMessage(envelope({ type: 'update', payload: { locale: 'ja' } }), location.origin);
    await vi.waitFor(
      () =>
        expect(messages.some((m) => m.type === 'title' && m.payload.title === 'カード決済の安全な入力フレーム')).toBe(
          true,
        ),
      { timeout: 10_000, interval: 10 },
    );
    const root = frame.contentDocument!.querySelector('tessera-card-field')!.shadowRoot!;
    expect(root.querySelector('#number')).toBe(input);
    expect(root.querySelector('label[for="number"]')!.textContent).toBe('カード番号');
    expect(frame.contentDocument!.documentElement.dir).toBe('ltr');
  });

  it('broke no CSP rule: the locale file, the rules sheet, the custom properties and the font all passed', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const reports = (await (await fetch('/elements/v1/__csp-reports')).json()) as unknown[];
    expect(reports).toEqual([]);
  });
});
