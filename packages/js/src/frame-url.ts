import { base64url, type CardElementOptions, type ElementType } from '@tessera/protocol';

/** Path of the card field page on the edge. */
export const CARD_FRAME_PATH = '/elements/v1/card.html';

export interface FrameUrlParts {
  edgeOrigin: string;
  publishableKey: string;
  parentOrigin: string;
  channel: string;
  options: CardElementOptions;
  /** Split fields name their type (`&type=cardNumber`); the combined card's URL has none. */
  elementType?: ElementType;
}

/**
 * `{edge}/elements/v1/card.html?key=<pk>&parent=<origin>[&type=<split type>]#channel=<id>&options=<base64url JSON>`.
 * Every element has the same address (the edge gives `card.html` its CSP and key checks, and answers a `type` with a
 * page loading the same code from a file rather than inline); `type` picks the field.
 * The key and parent origin go in the query because the edge needs them to answer with the key's CSP
 * `frame-ancestors`; the channel id and options stay in the fragment, which is never sent to a server.
 */
export function buildFrameUrl(parts: FrameUrlParts): string {
  const type = parts.elementType && parts.elementType !== 'card' ? `&type=${parts.elementType}` : '';
  const query = `key=${encodeURIComponent(parts.publishableKey)}&parent=${encodeURIComponent(parts.parentOrigin)}${type}`;
  const fragment = `channel=${parts.channel}&options=${encodeOptions(parts.options)}`;
  return `${parts.edgeOrigin}${CARD_FRAME_PATH}?${query}#${fragment}`;
}

/** JSON, UTF-8, base64url without padding: survives any URL parser and carries non-ASCII font names. */
export function encodeOptions(options: CardElementOptions): string {
  return base64url(new TextEncoder().encode(JSON.stringify(options)));
}
