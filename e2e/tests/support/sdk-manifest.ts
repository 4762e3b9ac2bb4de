import { expect } from '@playwright/test';
import { EDGE } from './origins';

/** One SDK script as the edge's manifest publishes it: its hashed, immutable URL and its SRI hash. */
export interface SdkFile {
  url: string;
  integrity: string;
}

/** The edge's /js/v1/manifest.json, read as a merchant (or its build) would. */
export async function sdkManifest(): Promise<Record<'tessera.js' | 'tessera-card.js', SdkFile>> {
  const response = await fetch(`${EDGE}/js/v1/manifest.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { files: Record<'tessera.js' | 'tessera-card.js', SdkFile> }).files;
}

/** The slice of the edge's `tessera.js` these tests call: it defines `window.Tessera`. */
export interface TesseraGlobal {
  loadTessera(
    key: string,
    options: { edge: string },
  ): Promise<{ elements(): { create(type: 'card'): { mount(target: string): void } } }>;
}
