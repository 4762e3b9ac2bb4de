import { EdgeError } from '../../errors/edge-error';
import { isIpLiteral, isLoopback } from '../../lib/hosts';

// Where POST /v1/forward may send a card.

const refuse = (detail: string) => new EdgeError('forbidden_host', { detail });

/**
 * Throws 403 `forbidden_host` unless the URL's host (`URL.host`: name and any non-default port) is on the
 * merchant's allow-list and is an https host name. In local development a loopback host on the allow-list is
 * also allowed over http; in production loopback, http and IP literals are refused even when listed.
 */
export function checkDestination(url: URL, forwardHosts: readonly string[], development: boolean): void {
  if (!forwardHosts.includes(url.host)) throw refuse("The host is not on the merchant's forwardHosts.");
  if (isLoopback(url.hostname)) {
    if (!development) throw refuse('Loopback hosts are allowed only in local development.');
    return;
  }
  if (isIpLiteral(url.hostname)) throw refuse('Forward to a host name, not an IP address.');
  if (url.protocol !== 'https:') throw refuse('Forward over https only.');
}
