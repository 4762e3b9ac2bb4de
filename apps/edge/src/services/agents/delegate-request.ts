import { Validator } from '@cfworker/json-schema';
import { validateCard } from '@tessera/protocol';
import schema from '../../../specs/acp-2026-04-17/schema.delegate_payment.json';
import type { Agent, EdgeConfig } from '../../config/config';
import type { DelegateInput } from '../../vault/agent-tokens/delegate';
import type { AuditContext } from '../../vault/types';
import { acp } from './acp-error';

// The body of POST /agentic_commerce/delegate_payment: validated against the spec's own JSON schema (bundled
// into the Worker at build time, so the spec is the source of truth), then the card rules every card meets, then
// what this edge requires of an allowance.

const validator = new Validator(
  { $ref: '#/$defs/DelegatePaymentRequest', $defs: schema.$defs } as never,
  '2020-12',
  false,
);

/** `#/payment_method/number` → `payment_method.number`, the spec's way of naming a field. */
const paramOf = (location: string) =>
  location
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');

type Body = {
  payment_method: {
    card_number_type: 'fpan' | 'network_token';
    number: string;
    exp_month?: string;
    exp_year?: string;
    name?: string;
    cvc?: string;
  };
  allowance: {
    max_amount: number;
    currency: string;
    checkout_session_id: string;
    merchant_id: string;
    expires_at: string;
  };
  metadata: Record<string, string>;
};

const CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

/** Which card field a card-rule failure names, as the spec's path. */
const CARD_PARAM: Record<string, string> = {
  number: 'payment_method.number',
  expMonth: 'payment_method.exp_month',
  expYear: 'payment_method.exp_year',
  cvc: 'payment_method.cvc',
  name: 'payment_method.name',
};

/**
 * Checks a delegate_payment body for an agent platform and turns it into what the merchant's vault stores.
 * Every failure is an AcpError naming the field, never its value.
 */
export function parseDelegateRequest(
  json: unknown,
  agent: Agent,
  config: EdgeConfig,
  audit: AuditContext,
  now: Date,
): DelegateInput {
  const checked = validator.validate(json);
  if (!checked.valid) {
    // The deepest error names the field; the outer ones only say that a $ref failed.
    const error = checked.errors.at(-1);
    const param = paramOf(error?.instanceLocation ?? '#');
    if (param.startsWith('payment_method')) throw acp.card(param || 'payment_method', 'The card is invalid.');
    throw acp.invalid(param || 'body', 'The request does not match the delegate_payment schema.');
  }
  const body = json as Body;
  const method = body.payment_method;
  if (method.card_number_type !== 'fpan') {
    throw acp.card('payment_method.card_number_type', 'Only card numbers (fpan) are vaulted here.');
  }
  for (const [field, value] of [
    ['exp_month', method.exp_month],
    ['exp_year', method.exp_year],
  ] as const) {
    if (value === undefined || !/^\d{1,4}$/.test(value)) {
      throw acp.card(`payment_method.${field}`, 'The expiration date is invalid.');
    }
  }
  const card = validateCard(
    {
      number: method.number,
      expMonth: Number(method.exp_month),
      expYear: Number(method.exp_year),
      ...(method.cvc === undefined ? {} : { cvc: method.cvc }),
      ...(method.name === undefined ? {} : { name: method.name }),
    },
    now,
  );
  if (!card.ok) throw acp.card(CARD_PARAM[card.param] ?? 'payment_method', 'The card is invalid.');

  const { allowance } = body;
  const merchant = config.merchants.get(allowance.merchant_id);
  // The same answer whether the merchant does not exist or does not take this platform: nothing to probe with.
  if (merchant === undefined || !merchant.agents.includes(agent.id)) {
    throw acp.allowance(
      'allowance.merchant_id',
      'This merchant does not accept vault tokens from this agent platform.',
    );
  }
  if (!CURRENCIES.has(allowance.currency)) {
    throw acp.allowance('allowance.currency', 'The currency must be a lowercase ISO 4217 code.');
  }
  if (allowance.max_amount < 1) throw acp.allowance('allowance.max_amount', 'The maximum amount must be positive.');
  const expiresAt = Math.floor(Date.parse(allowance.expires_at) / 1000);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(expiresAt) || expiresAt <= nowSeconds) {
    throw acp.allowance('allowance.expires_at', 'The allowance must expire in the future.');
  }
  if (expiresAt - nowSeconds > merchant.maxAllowanceSeconds) {
    throw acp.allowance('allowance.expires_at', 'The allowance lasts longer than this merchant allows.');
  }
  return {
    merchantId: merchant.id,
    agentId: agent.id,
    card: card.card,
    allowance: {
      maxAmount: allowance.max_amount,
      currency: allowance.currency,
      checkoutSessionId: allowance.checkout_session_id,
      expiresAt,
    },
    metadata: body.metadata,
    audit,
  };
}
