import { type Envelope, envelope, type FrameToFrame } from '@tessera/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SiblingChannel } from './sibling-channel';

// A stand-in merchant page P (a same-origin frame) with two child frames A and B, all of one origin, so that only the
// source and channel checks can tell messages apart. Each frame's own `send` posts from that frame's window.
// (Messages from another origin are covered with real cross-origin frames in split-fields.test.ts.)

interface Sender extends Window {
  send: (to: Window, message: unknown) => void;
}
const SENDER = '<script>window.send = (to, message) => to.postMessage(message, origin);</script>';

async function frameIn(doc: Document): Promise<Sender> {
  const frame = doc.createElement('iframe');
  frame.srcdoc = SENDER;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  doc.body.append(frame);
  await loaded;
  return frame.contentWindow as Sender;
}

let page: HTMLIFrameElement | undefined;
afterEach(() => page?.remove());

async function family() {
  page = document.createElement('iframe');
  page.srcdoc = `<body>${SENDER}</body>`;
  const loaded = new Promise((resolve) => page?.addEventListener('load', resolve, { once: true }));
  document.body.append(page);
  await loaded;
  const parent = page.contentWindow as Sender;
  const a = await frameIn(page.contentDocument!);
  const b = await frameIn(page.contentDocument!);
  return { parent, a, b };
}

const brand = (channel: string) => envelope({ type: 'brand', payload: { channel, brand: 'amex' } });
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('SiblingChannel', () => {
  it('accepts only a sibling frame of the same parent, on its channel, with a well-formed message', async () => {
    const { parent, a, b } = await family();
    const got: { message: Envelope<FrameToFrame>; from: Window }[] = [];
    const stop = new SiblingChannel(parent, 'grp', a).listen((message, from) => got.push({ message, from }));

    b.send(a, brand('grp'));
    await settle();
    expect(got).toHaveLength(1);
    expect(got[0]?.from).toBe(b);
    expect(got[0]?.message).toEqual(brand('grp'));

    b.send(a, brand('other')); // another group's channel
    parent.send(a, brand('grp')); // the parent itself
    a.send(a, brand('grp')); // itself
    window.postMessage(brand('grp'), '*'); // a window that is no frame of the parent (does not reach A)
    a.postMessage(brand('grp'), location.origin); // posted by this page's realm: the source is not a sibling
    b.send(a, { tessera: 1, type: 'collect', payload: { channel: 'grp', brand: 'amex' } }); // no id
    b.send(a, {
      tessera: 1,
      type: 'collect:result',
      id: 'x',
      payload: { channel: 'grp', element: 'cardCvc', cvc: '12a' },
    });
    await settle();
    expect(got).toHaveLength(1);

    stop();
    b.send(a, brand('grp'));
    await settle();
    expect(got).toHaveLength(1);
  });

  it('sends to every other frame of the parent, or to one, never to the parent', async () => {
    const { parent, a, b } = await family();
    const c = await frameIn(parent.document);
    const seen: string[] = [];
    for (const [name, w] of [
      ['parent', parent],
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const) {
      w.addEventListener('message', () => seen.push(name));
    }
    const channel = new SiblingChannel(parent, 'grp', a);
    channel.send({ type: 'brand', payload: { channel: 'grp', brand: 'visa' } });
    await settle();
    expect(seen.sort()).toEqual(['b', 'c']);
    seen.length = 0;
    channel.send({ type: 'brand', payload: { channel: 'grp', brand: 'visa' } }, c);
    await settle();
    expect(seen).toEqual(['c']);
  });
});
