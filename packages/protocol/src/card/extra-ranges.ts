import type { Brand } from '../brands';

/** An IIN range as [brand, lowest prefix, highest prefix]; both prefixes have the same number of digits. */
export type ExtraRange = readonly [brand: Brand, min: string, max?: string];

/**
 * Ranges credit-card-type 10.3.0 lacks. Sources, all public:
 * - RuPay: the pattern in Adyen's adyen-web card-type table (packages/lib/src/components/internal/SecuredFields/
 *   lib/utilities/cardType.ts), widened to six digits where it overlaps the library's Maestro range
 *   506779-508999, so that the narrower RuPay range is the more specific match. NPCI's own 508500-508999,
 *   606985-607984 and 608001-608500 (Wikipedia, "Payment card number") lie inside it.
 * - UATP: prefix 1, 15 digits, Luhn (ISO/IEC 7812 MII 1, airlines; Wikipedia and adyen-web agree).
 * - Verve: 650002-650027 (Wikipedia, "Payment card number"); the library has only Verve's 5060/5078 ranges.
 * The library already has Mir, Elo, Hipercard, Hiper and Troy, and Mastercard's 2221-2720 series.
 */
export const EXTRA_RANGES: readonly ExtraRange[] = [
  ['rupay', '100003'],
  ['rupay', '508200', '508299'],
  ['rupay', '508500', '508999'],
  ['rupay', '6069'],
  ['rupay', '607', '608'],
  ['rupay', '65215', '65219'],
  ['rupay', '6522', '6525'],
  ['rupay', '65285', '65289'],
  ['rupay', '653003', '653004'],
  ['rupay', '81720', '81721'],
  ['rupay', '81723', '81725'],
  ['rupay', '81727'],
  ['rupay', '81729'],
  ['rupay', '81733', '81738'],
  ['rupay', '817406', '817410'],
  ['rupay', '353800', '353802'],
  ['rupay', '353805', '353806'],
  ['rupay', '353809'],
  ['uatp', '1'],
  ['verve', '650002', '650027'],
];
