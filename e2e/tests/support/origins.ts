import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The fixed local-development addresses that every local tool and test relies on (README.md, "Layout"). */
export const EDGE = 'http://127.0.0.1:8787';
export const MERCHANT = 'http://localhost:5173';
/** The demo's merchant server (holds the secret key) and mock processor (apps/demo/README.md, "Settings"). */
export const MERCHANT_SERVER = 'http://127.0.0.1:4242';
export const PROCESSOR = 'http://127.0.0.1:4243';
/** `other` merchant's allowed origin, and a port no merchant allows. */
export const OTHER_MERCHANT_PORT = 5199;
export const UNLISTED_PORT = 5198;
export const HOSTILE_PORTS = [OTHER_MERCHANT_PORT, UNLISTED_PORT] as const;
/** Where the demo's processes (edge, merchant server, Vite) copy every log line, for the secrecy checks. */
export const LOG_FILE = process.env.TESSERA_LOG_FILE ?? join(tmpdir(), `tessera-e2e-${Date.now()}.log`);

/** Every browser console line of the run (tests/support/test.ts writes it), for the log scan. */
export const CONSOLE_LOG_FILE = `${LOG_FILE}.console`;
