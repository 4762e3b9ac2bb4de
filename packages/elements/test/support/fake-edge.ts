/**
 * A stand-in for the edge's two field-page routes, served by the Vite dev server during browser tests, so the
 * field page's real fetches, sealing and result mapping run end to end. It opens each sealed card with its own
 * private key (jose `compactDecrypt`), exactly as the edge does, and answers like the edge (token object or
 * RFC 9457 problem). Control routes under /__fake-edge/<route>?key=<pk> let a test rotate that key's sealing key,
 * script the next answer, or read what the edge received.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { ApiErrorCode, CardData } from '@tessera/protocol';
import { compactDecrypt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import { build, type Plugin } from 'vite';

type Protocol = typeof import('@tessera/protocol');
let protocol: Protocol;

/**
 * The real protocol package, for its error catalog and brand rules. It is TypeScript source with a CommonJS
 * dependency, which neither Node's loader nor Vite's SSR runner here can load as is, so it is bundled first.
 */
async function loadProtocol(): Promise<Protocol> {
  const entry = createRequire(import.meta.url).resolve('@tessera/protocol');
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'protocol' } },
  });
  for (const o of Array.isArray(out) ? out : [out]) {
    const chunk = 'output' in o ? o.output.find((c) => c.type === 'chunk') : undefined;
    if (chunk?.type === 'chunk') {
      return (await import(`data:text/javascript;base64,${Buffer.from(chunk.code).toString('base64')}`)) as Protocol;
    }
  }
  throw new Error('fake edge: could not bundle @tessera/protocol');
}

/** Keys the fake edge accepts; each has its own state (sealing key, log), so test files never share one. */
const FAKE_KEY = /^pk_test_fake_\w{1,40}$/;

interface SealKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  publicJwk: Record<string, unknown>;
}

interface LoggedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

interface State {
  key: SealKey;
  generation: number;
  next: { problem?: ApiErrorCode; drop?: boolean } | undefined;
  requests: LoggedRequest[];
  opened: CardData[];
}

async function newKey(generation: number): Promise<SealKey> {
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
  const kid = `seal_test_${generation}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ECDH-ES', use: 'enc' } };
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(JSON.stringify(body));
}

function problem(res: ServerResponse, code: ApiErrorCode): void {
  const { status, message } = protocol.API_ERRORS[code];
  send(res, status, { type: 'about:blank', title: message, status, code }, 'application/problem+json');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** base64url SHA-256 of the bearer key: what the sealed card's `pkh` must say. */
const keyHash = (authorization: string | undefined) =>
  createHash('sha256')
    .update((authorization ?? '').replace(/^Bearer /, ''))
    .digest('base64url');

async function openCard(
  state: State,
  body: string,
  authorization: string | undefined,
): Promise<CardData | ApiErrorCode> {
  let sealed: unknown;
  try {
    sealed = (JSON.parse(body) as { sealed?: unknown }).sealed;
  } catch {
    return 'invalid_json';
  }
  if (typeof sealed !== 'string') return 'invalid_request';
  try {
    const header = decodeProtectedHeader(sealed);
    if (header.kid !== state.key.kid) return 'unknown_seal_key';
    if (header.alg !== 'ECDH-ES' || header.enc !== 'A256GCM') return 'invalid_sealed_card';
    // Bound to the key and to the time, as the edge checks it.
    const age = Math.floor(Date.now() / 1000) - Number(header.iat);
    if (header.pkh !== keyHash(authorization) || !(age >= -120 && age <= 600)) return 'invalid_sealed_card';
    const { plaintext } = await compactDecrypt(sealed, state.key.privateKey);
    return JSON.parse(new TextDecoder().decode(plaintext)) as CardData;
  } catch {
    return 'invalid_sealed_card';
  }
}

async function createToken(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!req.headers['content-type']?.startsWith('application/json')) return problem(res, 'unsupported_media_type');
  const card = await openCard(state, await readBody(req), req.headers.authorization);
  if (typeof card === 'string') return problem(res, card);
  state.opened.push(card);
  const next = state.next;
  state.next = undefined;
  if (next?.drop) {
    // Dropping stays on until the next control call: browsers retry a POST once on a reused connection.
    state.next = next;
    res.destroy();
    return;
  }
  if (next?.problem) return problem(res, next.problem);
  // What the real edge answers a publishable key: no fingerprint, no BIN.
  send(res, 200, {
    id: `tok_fake${String(state.opened.length).padStart(20, '0')}`,
    object: 'token',
    card: {
      brand: protocol.detectBrand(card.number),
      last4: card.number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
    },
  });
}

async function control(state: State, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (path === '/__fake-edge/rotate') {
    state.key = await newKey(++state.generation);
    return send(res, 200, { kid: state.key.kid });
  }
  if (path === '/__fake-edge/next') {
    const next = JSON.parse(await readBody(req)) as { problem?: unknown; drop?: unknown };
    state.next = { drop: next.drop === true };
    if (protocol.isApiErrorCode(next.problem)) state.next.problem = next.problem;
    return send(res, 200, { ok: true });
  }
  if (path === '/__fake-edge/log') return send(res, 200, { requests: state.requests, opened: state.opened });
  send(res, 404, {});
}

const newState = async (): Promise<State> => ({
  key: await newKey(0),
  generation: 0,
  next: undefined,
  requests: [],
  opened: [],
});

/** Vite plugin: the fake edge as dev-server middleware. */
export function fakeEdge(): Plugin {
  const states = new Map<string, Promise<State>>();
  const stateOf = (key: string) => {
    const known = states.get(key);
    if (known) return known;
    const created = newState();
    states.set(key, created);
    return created;
  };
  return {
    name: 'tessera:fake-edge',
    configureServer(server) {
      server.middlewares.use(async function fakeEdgeRoutes(req, res, next) {
        const url = new URL(req.url ?? '/', 'http://fake-edge');
        const path = url.pathname;
        if (!path.startsWith('/v1/') && !path.startsWith('/__fake-edge/')) return next();
        try {
          protocol ??= await loadProtocol();
          if (path.startsWith('/__fake-edge/')) {
            const key = url.searchParams.get('key') ?? '';
            if (!FAKE_KEY.test(key)) return send(res, 400, { error: 'key' });
            return await control(await stateOf(key), path, req, res);
          }
          const authorization = req.headers.authorization;
          const key = authorization?.replace(/^Bearer /, '') ?? '';
          if (!FAKE_KEY.test(key)) return problem(res, 'unauthorized');
          const s = await stateOf(key);
          s.requests.push({
            method: req.method ?? '',
            path,
            authorization,
            contentType: req.headers['content-type'],
            origin: req.headers.origin,
            secFetchSite: req.headers['sec-fetch-site'] as string | undefined,
          });
          if (req.method === 'GET' && path === '/v1/keys/seal') {
            res.setHeader('Date', new Date().toUTCString());
            return send(res, 200, { keys: [s.key.publicJwk] });
          }
          if (req.method === 'POST' && path === '/v1/tokens') return await createToken(s, req, res);
          problem(res, 'not_found');
        } catch (error) {
          next(error);
        }
      });
    },
  };
}
