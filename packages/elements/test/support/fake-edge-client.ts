// Test helper (never part of the field page): drives the fake edge that the Vite dev server runs in tests
// (./fake-edge.ts). Each publishable key has its own fake-edge state.
import type { ApiErrorCode, CardData } from '@tessera/protocol';

export interface EdgeLog {
  requests: {
    method: string;
    path: string;
    authorization?: string;
    contentType?: string;
    origin?: string;
    secFetchSite?: string;
  }[];
  /** The cards the fake edge unsealed, in order. */
  opened: CardData[];
}

/** A publishable key of its own for one test file or test. */
export const fakeKey = (name: string) => `pk_test_fake_${name}_${Math.random().toString(36).slice(2, 10)}`;

async function control(key: string, route: string, body?: unknown): Promise<Response> {
  const response = await fetch(`/__fake-edge/${route}?key=${encodeURIComponent(key)}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`fake edge ${route}: ${response.status}`);
  return response;
}

/** Replaces the key's sealing key, as when the edge rotates: cards sealed to the old one are refused. */
export const rotateSealKey = (key: string) => control(key, 'rotate', {}).then(() => undefined);

/**
 * Scripts the next `POST /v1/tokens` answer: a problem with this code, or dropped connections (every POST until
 * the next call, since browsers retry a POST whose reused connection drops). `{}` restores normal answers.
 */
export const scriptNextAnswer = (key: string, next: { problem?: ApiErrorCode; drop?: boolean }) =>
  control(key, 'next', next).then(() => undefined);

export const edgeLog = async (key: string): Promise<EdgeLog> => (await control(key, 'log')).json() as Promise<EdgeLog>;
