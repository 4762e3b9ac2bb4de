import { describe, expect, it } from 'vitest';
import { paymentMandate } from '../../../test/support/mandates';
import { type ChargeTerms, judgeTerms, type TermsRefusal } from './mandate-terms';

// A closed Payment Mandate's terms against a charge, and each constraint AP2 defines for Payment Mandates.

const NOW = Date.parse('2026-11-30T12:00:00Z');
const charge: ChargeTerms = {
  merchantId: 'demo',
  vaultTokenId: 'vt_AAAAAAAAAAAAAAAAAAAAAA',
  amount: 2000,
  currency: 'usd',
};
const judge = (change: Record<string, unknown>) =>
  judgeTerms({ ...paymentMandate(charge.vaultTokenId, 2000), ...change }, charge, NOW);
const constrained = (...constraints: Record<string, unknown>[]) => judge({ constraints });

describe('judgeTerms', () => {
  it('accepts a mandate for exactly this charge, whatever its informational fields say', () => {
    expect(judge({})).toBeNull();
    expect(judge({ payee: { id: 'demo', name: 'Anything' }, risk_data: { device: 'x' } })).toBeNull();
    expect(judge({ execution_date: '2026-11-30' })).toBeNull();
    expect(judge({ execution_date: '2026-11-30T00:00:01Z' })).toBeNull();
  });

  it.each<[string, Record<string, unknown>, TermsRefusal]>([
    ['another payee', { payee: { id: 'other', name: 'Demo' } }, 'mandate_mismatch'],
    ['one minor unit less', { payment_amount: { amount: 1999, currency: 'USD' } }, 'mandate_mismatch'],
    ['another currency', { payment_amount: { amount: 2000, currency: 'EUR' } }, 'mandate_mismatch'],
    [
      'another instrument',
      { payment_instrument: { id: 'vt_BBBBBBBBBBBBBBBBBBBBBB', type: 'card' } },
      'mandate_mismatch',
    ],
    ['a date of yesterday', { execution_date: '2026-11-29' }, 'mandate_mismatch'],
    ['a date that is none', { execution_date: '30/11/2026' }, 'invalid_mandate'],
    ['a lower-case currency', { payment_amount: { amount: 2000, currency: 'usd' } }, 'invalid_mandate'],
    ['a fractional amount', { payment_amount: { amount: 19.99, currency: 'USD' } }, 'invalid_mandate'],
    ['a versionless type', { vct: 'mandate.payment' }, 'invalid_mandate'],
    ['no instrument', { payment_instrument: undefined }, 'invalid_mandate'],
    ['an expiry that is a string', { exp: 'never' }, 'invalid_mandate'],
  ])('refuses %s', (_what, change, refusal) => {
    expect(judge(change)).toBe(refusal);
  });

  describe('constraints', () => {
    it.each<[string, Record<string, unknown>, TermsRefusal]>([
      ['an amount range that holds', { type: 'payment.amount_range', currency: 'USD', max: 2000, min: 2000 }, null],
      ['an amount range without a minimum', { type: 'payment.amount_range', currency: 'USD', max: 5000 }, null],
      ['an amount over the range', { type: 'payment.amount_range', currency: 'USD', max: 1999 }, 'mandate_mismatch'],
      [
        'an amount under the range',
        { type: 'payment.amount_range', currency: 'USD', max: 9000, min: 2001 },
        'mandate_mismatch',
      ],
      ['a range in another currency', { type: 'payment.amount_range', currency: 'EUR', max: 9000 }, 'mandate_mismatch'],
      ['a range without a maximum', { type: 'payment.amount_range', currency: 'USD' }, 'invalid_mandate'],
      [
        'an allowed payee',
        {
          type: 'payment.allowed_payees',
          allowed: [
            { id: 'x', name: 'X' },
            { id: 'demo', name: 'D' },
          ],
        },
        null,
      ],
      [
        'a payee not allowed',
        { type: 'payment.allowed_payees', allowed: [{ id: 'x', name: 'X' }] },
        'mandate_mismatch',
      ],
      ['no payee allowed (all undisclosed)', { type: 'payment.allowed_payees', allowed: [] }, 'mandate_mismatch'],
      [
        'an allowed instrument',
        { type: 'payment.allowed_payment_instruments', allowed: [{ id: charge.vaultTokenId, type: 'card' }] },
        null,
      ],
      [
        'an instrument allowed as another type',
        { type: 'payment.allowed_payment_instruments', allowed: [{ id: charge.vaultTokenId, type: 'dpc' }] },
        'mandate_mismatch',
      ],
      [
        'a window around now',
        { type: 'payment.execution_date', not_before: '2026-11-30T00:00:00Z', not_after: '2026-12-01T00:00:00Z' },
        null,
      ],
      ['an open-ended window', { type: 'payment.execution_date', not_before: '2026-01-01' }, null],
      [
        'a window not yet open',
        { type: 'payment.execution_date', not_before: '2026-12-01T00:00:00Z' },
        'mandate_mismatch',
      ],
      ['a window closed', { type: 'payment.execution_date', not_after: '2026-11-30T11:59:59Z' }, 'mandate_mismatch'],
      ['a window that is no date', { type: 'payment.execution_date', not_after: 'soon' }, 'invalid_mandate'],
      [
        'agent recurrence',
        { type: 'payment.agent_recurrence', frequency: 'MONTHLY' },
        'mandate_constraint_unsupported',
      ],
      ['a budget', { type: 'payment.budget', max: 100000, currency: 'USD' }, 'mandate_constraint_unsupported'],
      ['allowed PISPs', { type: 'payment.allowed_pisps', allowed: [] }, 'mandate_constraint_unsupported'],
      [
        'a reference',
        { type: 'payment.reference', conditional_transaction_id: 'abc' },
        'mandate_constraint_unsupported',
      ],
      ['an unknown type', { type: 'com.example.loyalty' }, 'mandate_constraint_unsupported'],
    ])('%s', (_what, constraint, refusal) => {
      expect(constrained(constraint)).toBe(refusal);
    });

    it('fails on any unknown constraint, even beside one that breaks', () => {
      expect(
        constrained({ type: 'payment.amount_range', currency: 'USD', max: 1 }, { type: 'com.example.loyalty' }),
      ).toBe('mandate_constraint_unsupported');
      expect(
        constrained(
          { type: 'payment.amount_range', currency: 'USD', max: 5000 },
          { type: 'payment.allowed_payees', allowed: [{ id: 'x', name: 'X' }] },
        ),
      ).toBe('mandate_mismatch');
    });
  });
});
