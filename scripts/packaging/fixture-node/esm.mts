// A merchant server in TypeScript with `module: node16` from an ES module: the types of `import`.
import {
  type AuditEvent,
  Tessera,
  TesseraApiError,
  type TokenObject,
  verifyWebhook,
  type WebhookEvent,
  WebhookVerificationError,
} from '@tessera/node';

const tessera = new Tessera('sk_test_packaging', { edge: 'https://edge.example', maxRetries: 3, timeoutMs: 5000 });

export async function read(id: string): Promise<TokenObject | null> {
  try {
    return await tessera.tokens.retrieve(id);
  } catch (error) {
    if (error instanceof TesseraApiError && error.code === 'not_found') return null;
    throw error;
  }
}

export async function trail(): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for await (const event of tessera.events.iterate({ limit: 100 })) events.push(event);
  for await (const line of tessera.events.export()) if (line.object === 'chain_head') console.log(line.hash);
  return events;
}

export function onWebhook(body: Uint8Array, headers: Record<string, string | string[] | undefined>): string {
  try {
    const event: WebhookEvent = verifyWebhook(body, headers, ['whsec_b2xk', 'whsec_bmV3']);
    if (event.type === 'token.created') return event.data.token.card.last4;
    return event.type;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
}

export async function misuses(): Promise<void> {
  // @ts-expect-error the secret key is a string
  new Tessera(42);
  // @ts-expect-error forward needs a token and a request
  await tessera.forward({ url: 'https://processor.example' });
  // @ts-expect-error no such webhook event type
  await tessera.webhookEndpoints.create({ url: 'https://shop.example/hooks', events: ['token.exploded'] });
}
