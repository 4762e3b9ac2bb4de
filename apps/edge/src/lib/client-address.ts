/**
 * Whether a client address is loopback (127.0.0.0/8, ::1). Behind Cloudflare, `CF-Connecting-IP` is never one;
 * locally, workerd names every request's client 127.0.0.1. Rules that judge clients therefore treat a loopback
 * client as no client at all, so local development, the tests and the bench are not judged as one busy shopper.
 */
export const isLoopbackAddress = (ip: string): boolean =>
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1' || ip === '::ffff:127.0.0.1';

/** A client address worth judging: the given one, unless it is absent or loopback. */
export const judgedClient = (ip: string | null | undefined): string | null =>
  ip === null || ip === undefined || isLoopbackAddress(ip) ? null : ip;
