/**
 * Whether a client address is loopback (127.0.0.0/8, ::1). Behind Cloudflare, `CF-Connecting-IP` is never one;
 * locally, workerd names every request's client 127.0.0.1. Rules that judge clients therefore treat a loopback
 * client as no client at all, so local development, the tests and the bench are not judged as one busy shopper.
 */
export const isLoopbackAddress = (ip: string): boolean =>
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip) || ip === '::1' || ip === '::ffff:127.0.0.1';

/**
 * An IPv6 address by its /64: one host gets a whole /64 and can pick any address in it, so counting per address
 * would let it dodge every per-client rule. IPv4 addresses stay whole.
 */
export function clientPrefix(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** A client worth judging: its address (an IPv6 one by its /64), unless it is absent or loopback. */
export const judgedClient = (ip: string | null | undefined): string | null =>
  ip === null || ip === undefined || isLoopbackAddress(ip) ? null : clientPrefix(ip);
