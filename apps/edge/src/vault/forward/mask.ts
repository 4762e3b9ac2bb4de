/**
 * Masks card data in what a destination answered, before the merchant (or the idempotency store) sees it:
 * the card number, also with spaces or dashes between its digits, keeps only its last four digits; the CVC,
 * wherever it stands as a digit run of its own, becomes asterisks. Separators and length are kept, so the
 * answer still reads the same. Over-masking an unrelated equal digit run is the price of never echoing either.
 */
export function maskCardData(text: string, secrets: { number: string; cvc?: string | undefined }): string {
  // The number is 12-19 ASCII digits (validated when it was tokenized), so it needs no regex escaping.
  const pan = new RegExp(secrets.number.split('').join('[ -]?'), 'g');
  let masked = text.replace(pan, maskAllButLast4);
  if (secrets.cvc !== undefined && /^\d{3,4}$/.test(secrets.cvc)) {
    masked = masked.replace(new RegExp(`(?<!\\d)${secrets.cvc}(?!\\d)`, 'g'), (cvc) => '*'.repeat(cvc.length));
  }
  return masked;
}

function maskAllButLast4(match: string): string {
  let digitsLeft = match.replace(/\D/g, '').length;
  let out = '';
  for (const char of match) {
    if (/\d/.test(char)) {
      out += digitsLeft > 4 ? '*' : char;
      digitsLeft -= 1;
    } else out += char;
  }
  return out;
}
