import { noStore, problems } from './components';

// Embedding Tessera in a merchant page: the key check the SDK runs before it mounts anything, and the SDK itself
// for pages without a bundler. The field pages are in token-paths.ts, on the card's path.

const anyOrigin = { 'Access-Control-Allow-Origin': { schema: { type: 'string', const: '*' } } };

const sdkFile = {
  type: 'object',
  required: ['url', 'integrity'],
  properties: {
    url: {
      type: 'string',
      pattern: '^/js/v1/[a-z-]+\\.[0-9a-f]{16}\\.js$',
      description: 'The hashed, immutable copy.',
    },
    integrity: { type: 'string', pattern: '^sha384-', description: 'For the `integrity` attribute (SRI).' },
  },
};

export const embeddingPaths = {
  '/v1/keys/check': {
    get: {
      tags: ['field pages'],
      operationId: 'checkKey',
      summary: 'Whether a publishable key may show field pages on the calling page',
      description:
        'A CORS request, readable by any page (`Access-Control-Allow-Origin: *`): the answer is about the page ' +
        "that asks, named by the `Origin` its browser sets. 204 when the key is a publishable key and `Origin` is one of its merchant's " +
        'allowed origins; otherwise a problem naming only which of the two is wrong, never the merchant or the ' +
        "origins it allows. A real key's refusal is audited in its merchant's trail, any other in the abuse record. " +
        'Limited to 20 checks per client address in 10 s.',
      parameters: [
        { name: 'key', in: 'query', required: true, schema: { type: 'string', pattern: '^pk_(test|live)_\\w+$' } },
        { name: 'Origin', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '204': { description: 'The key may show field pages on this origin.', headers: { ...noStore, ...anyOrigin } },
        ...problems('unauthorized', 'wrong_key_type', 'forbidden_origin', 'rate_limited'),
      },
    },
  },
  '/js/v1/{path}': {
    get: {
      tags: ['field pages'],
      operationId: 'sdkScript',
      summary: 'The SDK as a script, for pages without a bundler',
      description:
        '`tessera.js` (defines `window.Tessera`) and `tessera-card.js` (defines `<tessera-card>`) follow the latest v1 ' +
        'build (cached 5 minutes); `tessera.<hash>.js` and `tessera-card.<hash>.js` never change (cached for good), ' +
        'and `manifest.json` names them with their Subresource Integrity hashes. Every file is served with CORS, ' +
        'as a cross-origin script with `integrity` needs.',
      parameters: [{ name: 'path', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': {
          description: 'The script, or the manifest.',
          headers: anyOrigin,
          content: {
            'text/javascript': {},
            'application/json': {
              schema: {
                type: 'object',
                required: ['version', 'files'],
                properties: {
                  version: { type: 'string', description: 'The @tessera/js version it was built from.' },
                  files: {
                    type: 'object',
                    required: ['tessera.js', 'tessera-card.js'],
                    properties: { 'tessera.js': sdkFile, 'tessera-card.js': sdkFile },
                  },
                },
              },
            },
          },
        },
        '304': { description: 'Not modified.' },
        ...problems(404),
      },
    },
  },
};
