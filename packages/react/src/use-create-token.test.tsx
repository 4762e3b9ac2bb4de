import type { TokenizeResult } from '@tessera/js';
import { FAKE_TOKEN } from '@tessera/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { oneFrame } from '../test/support/frames';
import { loadTestTessera } from '../test/support/load-test-tessera';
import { cleanup, render } from '../test/support/render';
import { CardElement } from './tessera-element';
import { TesseraElements } from './tessera-elements';
import { useCreateToken } from './use-create-token';

afterEach(cleanup);

let createToken: (() => Promise<TokenizeResult>) | undefined;
function Checkout({ card }: { card: boolean }) {
  createToken = useCreateToken();
  return card ? <CardElement /> : null;
}

describe('useCreateToken', () => {
  it('answers not_mounted before Tessera has loaded and when there is no card element', async () => {
    const { rerender } = render(
      <TesseraElements tessera={null}>
        <Checkout card />
      </TesseraElements>,
    );
    await expect.poll(() => createToken).toBeDefined();
    const notMounted = { error: expect.objectContaining({ type: 'frame_error', code: 'not_mounted' }) };
    expect(await createToken?.()).toEqual(notMounted);
    rerender(
      <TesseraElements tessera={await loadTestTessera()}>
        <Checkout card={false} />
      </TesseraElements>,
    );
    expect(await createToken?.()).toEqual(notMounted);
  });

  it('tokenizes the mounted card through the frame and resolves to the token and masked card', async () => {
    const { host } = render(
      <TesseraElements tessera={loadTestTessera()}>
        <Checkout card />
      </TesseraElements>,
    );
    await oneFrame(host);
    let result: TokenizeResult | undefined;
    await expect
      .poll(async () => {
        result = await createToken?.();
        return result;
      })
      .toEqual(FAKE_TOKEN);
  });
});
