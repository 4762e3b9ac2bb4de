import {
  type CardElementOptions,
  ELEMENT_TYPES,
  type ElementType,
  type FrameToParent,
  readElementOptions,
} from '@tessera/protocol';

/** An option the page could not apply, as the merchant page is told of it. */
export type OptionWarning = Extract<FrameToParent, { type: 'warning' }>['payload'];

/** What the field page learns from its own URL (see README: URL contract). */
export interface PageParams {
  /** Publishable key, sent back to the edge with every API call. */
  key: string;
  /** The merchant page's origin: the only target and source of frame messages. */
  parentOrigin: string;
  /** Random id the SDK gave this frame (split fields: their group), echoed in `ready`. */
  channel: string;
  /** Which element this frame is: `?type=cardNumber|cardExpiry|cardCvc`, or `card` when there is no `type`. */
  element: ElementType;
  options: CardElementOptions;
  /** What the options held that the page could not apply (their defaults apply), to tell the merchant page. */
  warnings: OptionWarning[];
}

const KEY = /^pk_(?:test|live)_[\w]{1,200}$/;
const CHANNEL = /^[\w-]{1,64}$/;

/** The origin itself when `value` is exactly an http(s) origin, else null. */
function exactOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
}

function decodeBase64Url(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Element options from the URL or an `update` message, sanitized, with values this browser's CSS parser does not
 * take dropped too (so the default applies rather than an invalid value). Each value dropped goes to `warn`.
 */
export function readFrameOptions(input: unknown, warn?: (warning: OptionWarning) => void): CardElementOptions {
  return readElementOptions(input, {
    supports: (property, value) => CSS.supports(property, value),
    ...(warn && {
      report: (option, problem, detail) => warn({ option, problem, ...(detail && { detail: [...detail] }) }),
    }),
  });
}

/** Options from the fragment: base64url of JSON, sanitized; anything unreadable means no options. */
function readOptions(encoded: string | null, warnings: OptionWarning[]): CardElementOptions {
  if (!encoded) return {};
  try {
    return readFrameOptions(JSON.parse(decodeBase64Url(encoded)), (warning) => warnings.push(warning));
  } catch {
    return {};
  }
}

/** `type` from the query: absent means the combined card; anything unknown makes the page inert. */
function readElementType(value: string | null): ElementType | null {
  if (value === null) return 'card';
  return (ELEMENT_TYPES as readonly string[]).includes(value) ? (value as ElementType) : null;
}

/**
 * Reads `?key=pk_…&parent=<origin>[&type=<element>]#channel=<id>&options=<base64url JSON>`. A bare `#<id>` fragment is read as the
 * channel too. Returns null when the page cannot safely talk to its parent; the page then stays inert.
 */
export function readPageParams(location: Pick<Location, 'search' | 'hash'>): PageParams | null {
  const query = new URLSearchParams(location.search);
  const fragment = location.hash.replace(/^#/, '');
  const hash = new URLSearchParams(fragment.includes('=') ? fragment : `channel=${fragment}`);
  const key = query.get('key') ?? '';
  const parentOrigin = exactOrigin(query.get('parent'));
  const channel = hash.get('channel') ?? '';
  const element = readElementType(query.get('type'));
  if (!KEY.test(key) || !parentOrigin || !CHANNEL.test(channel) || !element) return null;
  const warnings: OptionWarning[] = [];
  return { key, parentOrigin, channel, element, options: readOptions(hash.get('options'), warnings), warnings };
}
