// The mock processor's declining test cards: the numbers card processors' sandboxes decline (Stripe's, which
// merchants already know), each with the answer a processor gives. One table, as data: the processor, its tests and
// apps/demo/README.md all follow it.
//
// Every one of them is a Visa made of the twelve digits below and its last four. They are kept apart so that no
// non-test source holds a whole card number (scripts/check-no-card-numbers.mjs): the scan of bundles and logs for
// card numbers stays meaningful, and a test card here could never be told from a real one there.

/** The first twelve digits of every declining test card. */
export const DECLINING_PREFIX = '400000000000';

/**
 * @typedef {{ last4: string, code: string, declineCode: string, message: string }} Decline
 * `code` is the error's kind (what a merchant's code switches on), `declineCode` the issuer's reason, `message` what
 * the shopper may be told.
 */

/** @type {readonly Decline[]} */
export const DECLINES = Object.freeze([
  { last4: '0002', code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  {
    last4: '9995',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  // A processor does not tell the shopper the card was reported lost: whoever holds it may not be its owner.
  { last4: '9987', code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' },
  { last4: '0069', code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' },
  {
    last4: '0127',
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  },
  {
    last4: '0119',
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
]);

/** @type {ReadonlyMap<string, Decline>} */
const BY_NUMBER = new Map(DECLINES.map((decline) => [`${DECLINING_PREFIX}${decline.last4}`, decline]));

/**
 * The decline this test card always gets, or undefined for any other number.
 * @param {string} number
 */
export function declineFor(number) {
  return BY_NUMBER.get(number);
}
