// events.* against the real edge: the audit trail as a merchant reads, pages, checks and exports it.
// The routes are the issue 8 contract (GET /v1/events, /v1/events/verify, /v1/events/export).
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditEvent, type ExportLine, TesseraApiError } from '../../src/index';
import { client, createToken, edge } from '../support/edge';

let token: string;

beforeAll(async () => {
  // Something to audit: a token made, read twice, and a refused read by another merchant.
  token = (await createToken()).id;
  await client().tokens.retrieve(token);
  await client().tokens.retrieve(token);
  await client({}, edge().otherSecretKey)
    .tokens.retrieve(token)
    .catch(() => undefined);
});

describe('events', () => {
  it("lists this merchant's events newest first, with the chain's head", async () => {
    const page = await client().events.list({ token });
    expect(page.object).toBe('list');
    expect(page.data.map((e) => e.type)).toEqual(['token.read', 'token.read', 'token.created']);
    for (const event of page.data) {
      expect(event).toMatchObject({ object: 'event', token, outcome: 'success' });
      expect(event.id).toMatch(/^evt_/);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.prevHash).toMatch(/^[0-9a-f]{64}$/);
      expect(Math.floor(Date.parse(event.time) / 1000)).toBe(event.created);
    }
    expect(page.head).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('filters by type', async () => {
    const page = await client().events.list({ token, type: 'token.created' });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.type).toBe('token.created');
  });

  it('iterates over every page, following next', async () => {
    const tessera = client();
    const first = await tessera.events.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.next).toBe(first.data[1]?.id);
    const all: AuditEvent[] = [];
    for await (const event of tessera.events.iterate({ limit: 2 })) all.push(event);
    expect(all.length).toBe(first.head?.count);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.slice(0, 2)).toEqual(first.data);
    // Newest first: each event's prevHash is the hash of the next one in the list.
    for (let i = 0; i + 1 < all.length; i++) expect(all[i]?.prevHash).toBe(all[i + 1]?.hash);
  });

  it('refuses a cursor that is not one of its events with invalid_cursor', async () => {
    const error = await client()
      .events.list({ after: 'evt_not_one_of_ours' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('refuses a bad limit with invalid_request naming the param', async () => {
    const error = await client()
      .events.list({ limit: 500 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', param: 'limit' });
  });

  it('verifies the chain, and a head kept earlier', async () => {
    const tessera = client();
    const { head } = await tessera.events.list({ limit: 1 });
    const verified = await tessera.events.verify();
    expect(verified.ok).toBe(true);
    expect(verified.count).toBeGreaterThanOrEqual(head?.count ?? 0);
    expect((await tessera.events.verify({ head: head?.hash ?? '' })).ok).toBe(true);
  });

  it('says audit_chain_truncated for a head the trail never had', async () => {
    const error = await client()
      .events.verify({ head: 'f'.repeat(64) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({ status: 409, code: 'audit_chain_truncated' });
  });

  it('exports the trail oldest first as NDJSON, ending with the chain head', async () => {
    const tessera = client();
    const lines: ExportLine[] = [];
    for await (const line of tessera.events.export()) lines.push(line);
    const last = lines.at(-1);
    expect(last?.object).toBe('chain_head');
    const events = lines.slice(0, -1) as AuditEvent[];
    expect(events.every((e) => e.object === 'event')).toBe(true);
    expect(last).toMatchObject({ id: events.at(-1)?.id, hash: events.at(-1)?.hash, count: events.length });
    for (let i = 1; i < events.length; i++) expect(events[i]?.prevHash).toBe(events[i - 1]?.hash);
    const newest: AuditEvent[] = [];
    for await (const event of tessera.events.iterate({ limit: 200 })) newest.push(event);
    expect(events.map((e) => e.id)).toEqual(newest.map((e) => e.id).reverse());
  });

  it('stops reading the export when the caller stops', async () => {
    let seen = 0;
    for await (const line of client().events.export()) {
      expect(line.object).toBe('event');
      seen += 1;
      if (seen === 2) break;
    }
    expect(seen).toBe(2);
  });
});
