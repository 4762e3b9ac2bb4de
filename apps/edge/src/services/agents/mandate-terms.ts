import * as v from 'valibot';
import type { MandateVerdict } from '../../vault/types';

// The terms of a closed AP2 v0.2 Payment Mandate (`vct` `mandate.payment.1`: payee, payment_amount,
// payment_instrument, with the claim names of AP2's schemas) against the charge they must authorize, and every
// constraint the mandate carries. AP2 puts constraints in open mandates; here the platform's issuer signs one
// mandate that is closed (bound to this charge by its key binding) and may still carry constraints, which are
// evaluated against its own closed fields as AP2 evaluates an open mandate's against the closed one. Any
// constraint this edge cannot evaluate fails, as AP2 requires of unknown ones.

/** AP2's `vct` of a closed Payment Mandate; matched exactly, version suffix included (AP2, mandate versioning). */
export const PAYMENT_MANDATE_VCT = 'mandate.payment.1';

const ISO_4217 = /^[A-Z]{3}$/;
const MinorUnits = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const Merchant = v.object({ id: v.string(), name: v.string(), website: v.optional(v.string()) });
const Instrument = v.object({ id: v.string(), type: v.string(), description: v.optional(v.string()) });

/** The closed Payment Mandate's claims that matter here; others (risk_data, pisp, …) are the issuer's business. */
const PaymentMandate = v.object({
  vct: v.literal(PAYMENT_MANDATE_VCT),
  // The hash of the merchant's checkout JWT, which the edge never sees: required by AP2's schema, not compared.
  transaction_id: v.pipe(v.string(), v.minLength(1)),
  payee: Merchant,
  payment_amount: v.object({ amount: MinorUnits, currency: v.pipe(v.string(), v.regex(ISO_4217)) }),
  payment_instrument: Instrument,
  execution_date: v.optional(v.string()),
  constraints: v.optional(v.array(v.looseObject({ type: v.string() }))),
  // @sd-jwt/core compares these with `<` when present, so a string there would pass its time checks: numbers only.
  iat: v.optional(v.pipe(v.number(), v.safeInteger())),
  nbf: v.optional(v.pipe(v.number(), v.safeInteger())),
  exp: v.optional(v.pipe(v.number(), v.safeInteger())),
});

type Mandate = v.InferOutput<typeof PaymentMandate>;

/**
 * The constraints this edge evaluates, with AP2's schemas. Left out on purpose, so refused: `payment.budget` and
 * `payment.agent_recurrence` (they count earlier payments of an open mandate, and a mandate here pays once),
 * `payment.reference` (it names an open Checkout Mandate the edge never sees), `payment.allowed_pisps` (a card
 * charge has no payment initiation service provider to compare).
 */
const Constraint = v.variant('type', [
  v.object({
    type: v.literal('payment.amount_range'),
    currency: v.pipe(v.string(), v.regex(ISO_4217)),
    max: MinorUnits,
    min: v.optional(MinorUnits),
  }),
  v.object({ type: v.literal('payment.allowed_payees'), allowed: v.array(Merchant) }),
  v.object({ type: v.literal('payment.allowed_payment_instruments'), allowed: v.array(Instrument) }),
  v.object({
    type: v.literal('payment.execution_date'),
    not_before: v.optional(v.string()),
    not_after: v.optional(v.string()),
  }),
]);

type Constraint = v.InferOutput<typeof Constraint>;

const KNOWN_CONSTRAINTS: ReadonlySet<string> = new Set(Constraint.options.map((option) => option.entries.type.literal));

/** The charge a mandate must authorize: the merchant (payee), the vault token (instrument), amount and currency. */
export interface ChargeTerms {
  merchantId: string;
  vaultTokenId: string;
  /** Minor units, as ACP's allowance and AP2's payment_amount both count. */
  amount: number;
  /** Lower case, as ACP and the forward body write it; AP2 writes ISO 4217's upper case. */
  currency: string;
}

export type TermsRefusal = Extract<MandateVerdict, { verified: true }>['refusal'];

/** A time ISO 8601 spells, in ms; NaN when it spells none. */
const instant = (text: string) => Date.parse(text);

/**
 * The mandate's terms against the charge: its form (`invalid_mandate`), any constraint this edge cannot evaluate
 * (`mandate_constraint_unsupported`), then payee, amount, currency, instrument, execution date and each
 * constraint (`mandate_mismatch`). Null when the mandate authorizes exactly this charge.
 */
export function judgeTerms(claims: Record<string, unknown>, charge: ChargeTerms, nowMs: number): TermsRefusal {
  const parsed = v.safeParse(PaymentMandate, claims);
  if (!parsed.success) return 'invalid_mandate';
  const mandate = parsed.output;
  const constraints: Constraint[] = [];
  for (const raw of mandate.constraints ?? []) {
    if (!KNOWN_CONSTRAINTS.has(raw.type)) return 'mandate_constraint_unsupported';
    const constraint = v.safeParse(Constraint, raw);
    if (!constraint.success) return 'invalid_mandate';
    constraints.push(constraint.output);
  }
  const today = executionDay(mandate, nowMs);
  if (today === null) return 'invalid_mandate';
  if (
    !today ||
    mandate.payee.id !== charge.merchantId ||
    mandate.payment_amount.amount !== charge.amount ||
    mandate.payment_amount.currency !== charge.currency.toUpperCase() ||
    !instrumentIsToken(mandate, charge.vaultTokenId)
  ) {
    return 'mandate_mismatch';
  }
  for (const constraint of constraints) {
    const holds = satisfied(constraint, mandate, nowMs);
    if (holds === null) return 'invalid_mandate';
    if (!holds) return 'mandate_mismatch';
  }
  return null;
}

/**
 * The instrument the vault knows is the vault token itself: the agent platform delegated the card under it, and
 * it names one card and one allowance. AP2's `description` ("Card ••••4242") is for display only, and brand and
 * last four digits name many cards.
 */
const instrumentIsToken = (mandate: Mandate, vaultTokenId: string) =>
  mandate.payment_instrument.type === 'card' && mandate.payment_instrument.id === vaultTokenId;

/**
 * Whether the mandate's execution date is today. Absent, AP2 means immediate execution; present, the date it
 * names (as written, UTC) must be today's, so a payment dated for later is not run now. Null when it is no date.
 */
function executionDay(mandate: Mandate, nowMs: number): boolean | null {
  if (mandate.execution_date === undefined) return true;
  const day = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(mandate.execution_date)?.[1];
  if (day === undefined || Number.isNaN(instant(mandate.execution_date))) return null;
  return day === new Date(nowMs).toISOString().slice(0, 10);
}

/** One constraint against the closed mandate; null when its own values are malformed (an unparseable date). */
function satisfied(constraint: Constraint, mandate: Mandate, nowMs: number): boolean | null {
  switch (constraint.type) {
    case 'payment.amount_range': {
      const { amount, currency } = mandate.payment_amount;
      return currency === constraint.currency && amount >= (constraint.min ?? 0) && amount <= constraint.max;
    }
    case 'payment.allowed_payees':
      return constraint.allowed.some((payee) => payee.id === mandate.payee.id);
    case 'payment.allowed_payment_instruments':
      return constraint.allowed.some(
        (allowed) => allowed.id === mandate.payment_instrument.id && allowed.type === mandate.payment_instrument.type,
      );
    case 'payment.execution_date': {
      // The charge runs now (executionDay made sure the mandate's own date, if any, is today).
      const from = constraint.not_before === undefined ? Number.NEGATIVE_INFINITY : instant(constraint.not_before);
      const until = constraint.not_after === undefined ? Number.POSITIVE_INFINITY : instant(constraint.not_after);
      if (Number.isNaN(from) || Number.isNaN(until)) return null;
      return from <= nowMs && nowMs <= until;
    }
  }
}
