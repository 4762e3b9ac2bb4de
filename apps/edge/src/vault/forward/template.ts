import { EdgeError } from '../../errors/edge-error';

// `{{card.…}}` and `{{payment.…}}` placeholders of POST /v1/forward: which exist, where they are, and how values
// are filled in.

/** The card fields a forward can fill in, by placeholder name. */
export const CARD_FIELDS = ['number', 'expMonth', 'expYear', 'cvc', 'name'] as const;
/**
 * The payment fields of a vault token's charge (`{{payment.amount}}`, `{{payment.currency}}`): the values the
 * vault checked against the allowance, so the destination sees exactly those.
 */
export const PAYMENT_FIELDS = ['amount', 'currency'] as const;
export type CardField = (typeof CARD_FIELDS)[number] | (typeof PAYMENT_FIELDS)[number];

export type CardValues = Readonly<Partial<Record<CardField, string>>>;

/**
 * How a value is written into the body, chosen by the forward's own `Content-Type`:
 * - `json` (`application/json`, `*+json`): escaped as inside a JSON string (`"`, `\` and control characters),
 *   so `"name": "{{card.name}}"` stays valid JSON whatever the name;
 * - `form` (`application/x-www-form-urlencoded`): percent-encoded;
 * - `xml` (`application/xml`, `text/xml`, `*+xml`): `&`, `<`, `>`, `"` and `'` as entities;
 * - `raw` (anything else, and every header value): as is. Only the number, expiry and CVC (digits) may be filled
 *   in raw: `{{card.name}}` is refused there, since a name could close the surrounding syntax
 *   (`</name><amount>1</amount>`) and nothing can escape for a format the edge does not know.
 */
export type Escaping = 'json' | 'form' | 'xml' | 'raw';

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** What a header value may hold, before and after filling in: visible ASCII, space and tab; no CR, LF or NUL. */
export const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

const PLACEHOLDER = /\{\{(?:card\.(number|expMonth|expYear|cvc|name)|payment\.(amount|currency))\}\}/g;

const fieldOf = (card: string | undefined, payment: string | undefined) => (card ?? payment) as CardField;

/**
 * The card fields a template uses, or null when it has a `{{` that does not open one of the five known
 * placeholders (spelled exactly, no spaces). JSON outside strings never contains `{{`, so the rule costs
 * nothing and catches typos before any card is read.
 */
export function templateFields(template: string): Set<CardField> | null {
  const fields = new Set<CardField>();
  const rest = template.replace(PLACEHOLDER, (_match, card?: string, payment?: string) => {
    fields.add(fieldOf(card, payment));
    return '';
  });
  return rest.includes('{{') ? null : fields;
}

const escapeValue = (value: string, escaping: Escaping): string => {
  if (escaping === 'json') return JSON.stringify(value).slice(1, -1);
  if (escaping === 'form') return encodeURIComponent(value);
  if (escaping === 'xml') return value.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
  return value;
};

/** Fills a checked template. Every field it uses must have a value; a missing one is a programming error. */
export function fillTemplate(template: string, values: CardValues, escaping: Escaping): string {
  return template.replace(PLACEHOLDER, (_match, card?: string, payment?: string) => {
    const value = values[fieldOf(card, payment)];
    if (value === undefined) throw new Error(`forward: no value for a placeholder`);
    return escapeValue(value, escaping);
  });
}

/** The escaping for a body sent with this `Content-Type`. */
export function escapingFor(contentType: string | undefined): Escaping {
  const media = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (media === 'application/json' || /^[a-z0-9.+-]+\/[a-z0-9.+-]+\+json$/.test(media)) return 'json';
  if (media === 'application/x-www-form-urlencoded') return 'form';
  if (media === 'application/xml' || media === 'text/xml' || /^[a-z0-9.+-]+\/[a-z0-9.+-]+\+xml$/.test(media))
    return 'xml';
  return 'raw';
}

// Stand-ins with the shape that matters for JSON validity: the number, CVC and name must be inside strings (a
// PAN as a JSON number loses digits, a CVC loses its leading zero), expiry month and year may be bare numbers.
const SHAPE_VALUES: Record<CardField, string> = {
  number: '00',
  cvc: '00',
  name: 'a',
  expMonth: '1',
  expYear: '2030',
  amount: '1',
  currency: 'usd',
};

/**
 * For a JSON body, checks before any card is read that it is JSON once filled in, whatever the card holds.
 * JSON escaping keeps every value inside its string; stand-ins check the rest.
 */
export function checkJsonTemplate(template: string): void {
  try {
    JSON.parse(fillTemplate(template, SHAPE_VALUES, 'json'));
  } catch {
    throw new EdgeError('invalid_request', {
      param: 'request.body',
      detail:
        'A JSON body must be JSON once filled in: put {{card.number}}, {{card.cvc}}, {{card.name}} and {{payment.currency}} inside strings.',
    });
  }
}
