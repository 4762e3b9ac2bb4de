import type { AuditEvent } from '@tessera/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { IssuedKey } from '../../src/api/admin-types';
import { cli, edge, freshId } from '../support/edge';

describe('events tail', () => {
  it('prints the operator trail’s newest events, then new ones as they happen, oldest first', async () => {
    // The trail has something to print first, whichever tests ran before (or none).
    await cli([
      'merchants',
      'create',
      '--id',
      freshId('tail-first'),
      '--name',
      'First',
      '--origin',
      'http://localhost:5177',
    ]);
    const stop = new AbortController();
    const events: AuditEvent[] = [];
    const tail = cli(['events', 'tail', '--json', '--lines', '3', '--interval', '200'], {
      signal: stop.signal,
      onStdout: (text) =>
        events.push(
          ...text
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as AuditEvent),
        ),
    });
    const shop = freshId('tailed-shop');
    await vi.waitFor(async () => expect(events.length).toBeGreaterThan(0), { timeout: 5000 });
    const seen = events.length;
    await cli(['merchants', 'create', '--id', shop, '--name', 'Tailed', '--origin', 'http://localhost:5177']);
    await cli(['keys', 'issue', shop, '--type', 'secret']);
    await vi.waitFor(
      () => expect(events.slice(seen).map((e) => e.type)).toEqual(['admin.merchant_created', 'admin.key_issued']),
      { timeout: 10_000 },
    );
    stop.abort();
    expect((await tail).code).toBe(0);
    expect(events.slice(seen).find((e) => e.type === 'admin.merchant_created')?.detail).toBe(shop);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("follows a merchant's own trail with its secret key, not the operator's", async () => {
    const shop = freshId('tail-own');
    await cli(['merchants', 'create', '--id', shop, '--name', 'Own trail', '--origin', 'http://localhost:5177']);
    const sk = (await cli(['keys', 'issue', shop, '--type', 'secret', '--json'])).json<IssuedKey>().key;
    const stop = new AbortController();
    const lines: string[] = [];
    const tail = cli(['events', 'tail', '--interval', '200'], {
      env: { TESSERA_SECRET_KEY: sk },
      signal: stop.signal,
      onStdout: (text) => lines.push(...text.trim().split('\n')),
    });
    // Something of the merchant's own, recorded in its vault's trail: a webhook endpoint.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const created = await fetch(`${edge().origin}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sk}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.com/tessera', events: ['token.created'] }),
    });
    expect(created.status).toBe(201);
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/#\d+ {2}webhook_endpoint\.created {2}success/), {
      timeout: 10_000,
    });
    stop.abort();
    expect((await tail).code).toBe(0);
    expect(lines.join('\n')).not.toContain('admin.');
  });
});
