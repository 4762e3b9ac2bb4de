import type { CardSummary } from '@tessera/protocol';

/** Why the merchant server did not take the payment; `declineCode` only when the processor declined the card. */
export interface PayFailure {
  code: string;
  message: string;
  declineCode?: string;
}

/** A payment taken: the masked card, and the processor's charge when the card was charged. */
export interface Paid {
  token: string;
  card: CardSummary;
  charge?: { id: string; status: string };
}

/** What the merchant server answers on `POST /api/pay`, and on `POST /api/charge`. */
export type PayResponse = Paid | { error: PayFailure };

/**
 * Sends the token (and only the token) to the merchant server, which reads the masked card from the edge
 * (`/api/pay`) or, with `charge`, also charges it at the processor through the edge (`/api/charge`).
 */
export async function payWithToken(token: string, { charge = false } = {}): Promise<PayResponse> {
  let response: Response;
  try {
    response = await fetch(charge ? '/api/charge' : '/api/pay', {
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

function isPaid(value: unknown): value is Paid {
  if (typeof value !== 'object' || value === null || !('token' in value) || !('card' in value)) return false;
  const card = value.card;
  if ('charge' in value && !isCharge(value.charge)) return false;
  return typeof value.token === 'string' && typeof card === 'object' && card !== null && 'last4' in card;
}

function isCharge(value: unknown): value is Paid['charge'] {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'status' in value &&
    typeof value.status === 'string'
  );
}

function isFailure(value: unknown): value is { error: PayFailure } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  if (typeof error !== 'object' || error === null || !('message' in error) || typeof error.message !== 'string') {
    return false;
  }
  return !('declineCode' in error) || typeof error.declineCode === 'string';
}
