/**
 * A merchant's card-testing thresholds, counted by its vault (src/vault/velocity.ts) over a sliding window.
 * Configured per merchant (`cardTesting` in `TESSERA_MERCHANTS`); each one left out keeps its default.
 */
export interface VelocityRules {
  /** The sliding window every rule counts over. */
  windowSeconds: number;
  /** Distinct cards one client address may tokenize per window (a shopper uses one to three). */
  maxCardsPerClient: number;
  /** Distinct expiries one card may be tokenized with per window (testers guess the expiry). */
  maxExpiriesPerCard: number;
  /** Creates of one card per window, whatever the expiry (testers also guess the CVC). */
  maxAttemptsPerCard: number;
  /** Distinct BINs one publishable key may see per window before each of its clients is throttled. */
  maxBinsPerKey: number;
  /** Creates per minute each client address of a suspected key keeps, for the rest of the window. */
  throttledPerMinute: number;
}

/** Defaults: far above a checkout's traffic, far below a card-testing run. Merchants may set their own. */
export const DEFAULT_VELOCITY: VelocityRules = {
  windowSeconds: 600,
  maxCardsPerClient: 10,
  maxExpiriesPerCard: 3,
  maxAttemptsPerCard: 10,
  maxBinsPerKey: 300,
  throttledPerMinute: 3,
};
