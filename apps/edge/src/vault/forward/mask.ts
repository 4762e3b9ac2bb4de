/**
 * Masks card data in what a destination answered, before the merchant (or the idempotency store) sees it. The
 * number keeps only its last four digits, the CVC becomes asterisks, wherever they can be found:
 * - digits with separators between them: spaces (several, non-breaking or thin ones too), dashes, dots,
 *   slashes, underscores, NULs (UTF-16 text read as UTF-8), in any mix;
 * - digits written as JSON or JavaScript escapes (`\u0034`), alone or mixed with plain ones;
 * - the number's ASCII in hex, and in base64 or base64url at any of the three byte alignments.
 * Length and separators are kept, so the answer still reads the same. Over-masking an unrelated equal run is
 * the price of never echoing either. This is a last line: an encoding it does not know (encrypted, compressed,
 * reversed) passes. The real control is the allow-list of hosts a merchant may forward to.
 */
export function maskCardData(text: string, secrets: { number: string; cvc?: string | undefined }): string {
  // The number is 12-19 ASCII digits (validated when it was tokenized), the CVC 3-4: no regex escaping needed.
  let masked = text.replace(digitRun(secrets.number, 'number'), maskAllButLast4);
  for (const encoded of encodings(secrets.number)) masked = masked.split(encoded).join('*'.repeat(encoded.length));
  if (secrets.cvc !== undefined && /^\d{3,4}$/.test(secrets.cvc)) {
    masked = masked.replace(digitRun(secrets.cvc, 'cvc'), (cvc) => cvc.replace(DIGIT, (d) => '*'.repeat(d.length)));
  }
  return masked;
}

/** One digit, plain or as a `\u003N` escape. */
const DIGIT = /\\u003[0-9]|\d/gi;
/** What may stand between the digits of one number: a few separators of any kind. */
const SEPARATOR = '[ .\\-_/\\u00a0\\u2000-\\u200b\\u202f\\u0000]{0,3}';

function digitRun(digits: string, kind: 'number' | 'cvc'): RegExp {
  const one = (d: string) => `(?:${d}|\\\\u003${d})`;
  // A CVC stands alone: not inside a longer run of digits.
  const body = [...digits].map(one).join(kind === 'number' ? SEPARATOR : '');
  return kind === 'number' ? new RegExp(body, 'gi') : new RegExp(`(?<![0-9])${body}(?![0-9])`, 'gi');
}

/** The number as hex of its ASCII, and as base64 / base64url at each byte alignment (the stable middle part). */
function encodings(number: string): string[] {
  const ascii = new TextEncoder().encode(number);
  const hex = Array.from(ascii, (b) => b.toString(16).padStart(2, '0')).join('');
  const found = new Set([hex, hex.toUpperCase()]);
  for (let shift = 0; shift < 3; shift++) {
    // Shifted by `shift` bytes of padding before it: the characters that depend only on the number's bytes.
    const padded = new Uint8Array([...new Uint8Array(shift), ...ascii]);
    const b64 = btoa(String.fromCharCode(...padded));
    const first = Math.ceil((shift * 4) / 3);
    const last = Math.floor(((shift + ascii.length) * 4) / 3);
    const stable = b64.slice(first, last);
    if (stable.length >= 12) {
      found.add(stable);
      found.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...found];
}

function maskAllButLast4(match: string): string {
  const digits = match.match(DIGIT) ?? [];
  let left = digits.length;
  return match.replace(DIGIT, (d) => {
    left -= 1;
    return left >= 4 ? '*'.repeat(d.length) : d;
  });
}
