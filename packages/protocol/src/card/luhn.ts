// Luhn (ISO/IEC 7812-1 annex B): doubling every second digit from the right catches every single-digit
// typo and almost every swap of neighbours, which is all it is for; it says nothing about a card existing.

function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/**
 * Whether a digit string ends in a correct Luhn check digit. Empty or non-digit input is never valid.
 * @example luhnValid('79927398713') // true
 */
export function luhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}

/** The check digit that makes `payload + digit` Luhn-valid (for tests and test-number generation). */
export function luhnCheckDigit(payload: string): string {
  if (!/^\d*$/.test(payload)) throw new TypeError('luhnCheckDigit takes digits only');
  return String((10 - (luhnSum(payload, true) % 10)) % 10);
}
