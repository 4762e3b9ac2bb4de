// Host names as `URL.hostname` writes them: lower case, IPv4 in dotted decimal whatever form it was typed in,
// IPv6 in brackets. The checks see one spelling only.

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname.endsWith('.localhost') ||
  hostname === '[::1]' ||
  (IPV4.test(hostname) && hostname.startsWith('127.'));

export const isIpLiteral = (hostname: string): boolean => IPV4.test(hostname) || hostname.startsWith('[');

/** Names that resolve only inside a network: a single label, or a suffix reserved for private use. */
export const isPrivateName = (hostname: string): boolean =>
  !hostname.includes('.') || /\.(?:local|internal|intranet|lan|home\.arpa|corp)$/.test(hostname);
