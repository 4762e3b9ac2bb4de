/** Set by vite.config.ts `define` from TESSERA_DEMO_PK / TESSERA_EDGE (only these two: never the secret key). */
declare const __TESSERA_DEMO_PK__: string;
declare const __TESSERA_EDGE__: string;
