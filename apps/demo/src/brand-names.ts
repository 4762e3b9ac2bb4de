import type { Brand } from '@tessera/protocol';

/** How the shop names each brand on screen. */
export const BRAND_NAMES: Record<Brand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
  mir: 'Mir',
  elo: 'Elo',
  hipercard: 'Hipercard',
  hiper: 'Hiper',
  verve: 'Verve',
  rupay: 'RuPay',
  troy: 'Troy',
  uatp: 'UATP',
  unknown: 'Card',
};
