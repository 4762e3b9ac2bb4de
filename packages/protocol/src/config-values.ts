// What a merchant's configuration holds, checked the same way wherever it is written: the edge's secrets, the
// operator API and the CLI's config file.

/**
 * The WHATWG URL class, which every runtime this runs in has (browsers, workerd, Node); the package's own build
 * declares no runtime, so the part used here is declared for this module alone.
 */
declare const URL: new (
  input: string,
) => { protocol: string; origin: string; host: string; username: string; password: string; pathname: string };

/** An origin exactly as `URL.origin` writes it: http(s), host and port, no path, query or trailing slash. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** A host as `URL.host` writes it (name, optionally `:port`): no scheme, path or credentials. */
export function isHost(value: string): boolean {
  try {
    const url = new URL(`https://${value}/`);
    return url.host === value && url.username === '' && url.password === '' && url.pathname === '/';
  } catch {
    return false;
  }
}
