import { fileURLToPath } from 'node:url';

/** The repository root (bench/src/ → ../../). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
