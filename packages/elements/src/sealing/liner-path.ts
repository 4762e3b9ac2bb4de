/** Where the build puts webcrypto-liner (see build/liner-asset.ts), beside the field page. */
export const LINER_PATH = `${import.meta.env.BASE_URL}liner/webcrypto-liner.shim.min.js`;
