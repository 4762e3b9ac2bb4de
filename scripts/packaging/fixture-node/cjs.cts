// The same from a CommonJS module (`require` under `module: node16`): its types must be the .d.cts.
import tessera = require('@tessera/node');

const client = new tessera.Tessera('sk_test_packaging');

async function deleteCard(fingerprint: string): Promise<number> {
  const { data } = await client.tokens.deleteByFingerprint(fingerprint);
  return data.length;
}

function code(error: unknown): string | undefined {
  if (error instanceof tessera.TesseraApiError) return error.code;
  if (error instanceof tessera.TesseraConnectionError) return error.reason;
  return undefined;
}

// @ts-expect-error retrieve takes an id
client.tokens.retrieve();

export = { deleteCard, code };
