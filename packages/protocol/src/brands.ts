/** Card brands, by the names Tessera uses everywhere: API, frame messages, SDK events. */
export const BRANDS = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'diners',
  'jcb',
  'unionpay',
  'maestro',
  'mir',
  'elo',
  'hipercard',
  'hiper',
  'verve',
  'rupay',
  'troy',
  'uatp',
  'unknown',
] as const;

export type Brand = (typeof BRANDS)[number];

const brandSet: ReadonlySet<string> = new Set(BRANDS);

export function isBrand(value: unknown): value is Brand {
  return typeof value === 'string' && brandSet.has(value);
}
