import type { CardSummary } from '@tessera/protocol';

/** What the merchant server answers on `POST /api/pay`. */
export type PayResponse = { token: string; card: CardSummary } | { error: { code: string; message: string } };

/** Sends the token (and only the token) to the merchant server, which reads the masked card from the edge. */
export async function payWithToken(token: string): Promise<PayResponse> {
  let response: Response;
  try {
    response = await fetch('/api/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
  } catch {
    return { error: { code: 'network', message: 'Could not reach the shop server. Please try again.' } };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && isPaid(body)) return body;
  if (isFailure(body)) return body;
  return { error: { code: 'merchant_error', message: `The shop server answered ${response.status}.` } };
}

function isPaid(value: unknown): value is { token: string; card: CardSummary } {
  if (typeof value !== 'object' || value === null || !('token' in value) || !('card' in value)) return false;
  const card = value.card;
  return typeof value.token === 'string' && typeof card === 'object' && card !== null && 'last4' in card;
}

function isFailure(value: unknown): value is { error: { code: string; message: string } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}
