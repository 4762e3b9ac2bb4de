/// <reference lib="dom" />
// test/ is checked by tsconfig.node.json (tsconfig.json compiles src/ only), so the DOM comes in here, and the
// SDK's element is described by shape: this project cannot compile src/ to name its type.

/** The part of an SDK element's interface this helper uses. */
interface Emitting<Name extends string> {
  on(name: Name, handler: (event: unknown) => void): unknown;
  off(name: Name, handler: (event: unknown) => void): unknown;
}

/** Resolves with the next event of that name (an unknown name throws, as `element.on` does). */
export function nextEvent<Name extends string>(element: Emitting<Name>, name: Name): Promise<unknown> {
  return new Promise((resolve) => {
    const handler = (event: unknown): void => {
      element.off(name, handler);
      resolve(event);
    };
    element.on(name, handler);
  });
}
