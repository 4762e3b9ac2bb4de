/**
 * The "edge" of browser tests: the tests page is http://127.0.0.1:<port> (vitest's `api.host`), and the same test
 * server under http://localhost:<port> is another origin, so frames from there run across two real origins.
 */
export const crossOriginEdge = (): string => `http://localhost:${location.port}`;

/** The tests page's own origin, for wiring tests whose frame may be same-origin. */
export const sameOriginEdge = (): string => location.origin;
