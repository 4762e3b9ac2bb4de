// Reading requests and writing answers for the demo's merchant server (plain node:http).

/**
 * @typedef {{ status: number, body: unknown }} Answer
 * @typedef {{ ok: false, status: number, code: string, message: string }} Unread
 */

/** @param {string} code @param {string} message */
export function failure(code, message) {
  return { error: { code, message } };
}

/**
 * The body's exact bytes, at most `limit` of them: a webhook's signature covers these bytes, not a re-serialized parse.
 * @param {import('node:http').IncomingMessage} request
 * @param {number} limit
 * @returns {Promise<{ ok: true, bytes: Buffer } | Unread>}
 */
export async function readBody(request, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > limit) return { ok: false, status: 413, code: 'payload_too_large', message: 'Too large.' };
    chunks.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {number} limit
 * @returns {Promise<{ ok: true, value: unknown } | Unread>}
 */
export async function readJson(request, limit) {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return { ok: false, status: 415, code: 'unsupported_media_type', message: 'Send application/json.' };
  }
  const body = await readBody(request, limit);
  if (!body.ok) return body;
  try {
    return { ok: true, value: JSON.parse(body.bytes.toString('utf8')) };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json', message: 'The body is not valid JSON.' };
  }
}

/** @param {import('node:http').ServerResponse} response @param {Answer} answer */
export function send(response, { status, body }) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
