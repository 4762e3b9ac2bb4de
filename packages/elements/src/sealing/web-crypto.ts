import { LINER_PATH } from './liner-path';

/** True when this realm's WebCrypto can do what sealing needs: ECDH on P-256, SHA-256 and AES-256-GCM. */
export async function canSeal(crypto: Crypto | undefined = globalThis.crypto): Promise<boolean> {
  const subtle = crypto?.subtle;
  if (!subtle) return false;
  try {
    await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    await subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['encrypt']);
    await subtle.digest('SHA-256', new Uint8Array(0));
    return true;
  } catch {
    return false;
  }
}

/** The slice of the Trusted Types API used here (not in TypeScript's DOM library yet). */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): unknown };
}

let linerPolicy: { createScriptURL(url: string): unknown } | undefined;

/**
 * The script URL of the liner, as a TrustedScriptURL where the page enforces Trusted Types (the edge's CSP does).
 * The policy vouches for the liner's own path only.
 */
function linerScriptUrl(src: string): string {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (factory === undefined) return src;
  linerPolicy ??= factory.createPolicy('tessera-liner', {
    createScriptURL: (url) => {
      if (new URL(url, location.href).pathname !== new URL(LINER_PATH, location.href).pathname) {
        throw new TypeError('tessera-liner: not the liner');
      }
      return url;
    },
  });
  // A TrustedScriptURL is what the sink takes; TypeScript's DOM types know it as a string.
  return linerPolicy.createScriptURL(src) as string;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A script inserted by the page's own (nonced) module is allowed by CSP 'strict-dynamic'.
    const script = document.createElement('script');
    script.src = linerScriptUrl(src);
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('liner_unavailable'));
    document.head.append(script);
  });
}

let ready: Promise<void> | undefined;

/**
 * Makes sure `crypto.subtle` can seal a card. Where it cannot (an http page on a LAN address, an old browser),
 * loads webcrypto-liner once, as a separate asset; the common path never downloads it. A failed load is not
 * cached, so a later tokenize tries again.
 */
export function ensureWebCrypto(linerUrl = LINER_PATH): Promise<void> {
  ready ??= (async () => {
    if (await canSeal()) return;
    await loadScript(linerUrl);
    if (!(await canSeal())) throw new Error('webcrypto_unavailable');
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}
