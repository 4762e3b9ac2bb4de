import type { AuditEvent } from '@tessera/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tessera } from '../../test/support/cli';
import { json, problem, startStandIn } from '../../test/support/stand-in';

/** A trail as the edge keeps it: seq from 1, paged newest first with `next` = the last id of a page. */
function trail() {
  const events: AuditEvent[] = [];
  const add = (type: AuditEvent['type'] = 'token.created') => {
    const seq = events.length + 1;
    events.push({
      id: `evt_${String(seq).padStart(22, '0')}`,
      object: 'event',
      type,
      created: 1_800_000_000 + seq,
      time: new Date((1_800_000_000 + seq) * 1000).toISOString(),
      token: null,
      keyId: 'key_test',
      clientIp: null,
      requestId: `req_${seq}`,
      outcome: 'success',
      seq,
      prevHash: '0'.repeat(64),
      hash: String(seq).padStart(64, '0'),
    });
  };
  const page = (query: URLSearchParams) => {
    const limit = Number(query.get('limit') ?? 50);
    const type = query.get('type');
    const after = query.get('after');
    let newest = [...events].reverse().filter((e) => type === null || e.type === type);
    if (after !== null) newest = newest.filter((e) => e.seq < Number(after.slice(4)));
    const data = newest.slice(0, limit);
    const head = { id: events.at(-1)?.id ?? null, hash: 'h', count: events.length };
    return { object: 'list', data, head, ...(newest.length > limit ? { next: data.at(-1)?.id } : {}) };
  };
  return { events, add, page };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function edgeWith(t: ReturnType<typeof trail>, flaky = () => false) {
  const standIn = await startStandIn((request, response) => {
    if (flaky()) return problem(response, 503, 'service_unavailable');
    if (request.path === '/v1/admin/events' || request.path === '/v1/events')
      return json(response, 200, t.page(request.query));
    problem(response, 404, 'not_found');
  });
  close = standIn.close;
  return standIn;
}

describe('events tail', () => {
  it('prints the newest events oldest first, then each new one once, in seq order, across a burst of pages', async () => {
    const t = trail();
    for (let i = 0; i < 30; i++) t.add();
    const standIn = await edgeWith(t);
    const stop = new AbortController();
    const seqs: number[] = [];
    const tail = tessera(['events', 'tail', '--json', '--lines', '5', '--interval', '100'], {
      env: { TESSERA_EDGE: standIn.origin },
      signal: stop.signal,
      onStdout: (text) =>
        seqs.push(
          ...text
            .trim()
            .split('\n')
            .map((line) => (JSON.parse(line) as AuditEvent).seq),
        ),
    });
    await vi.waitFor(() => expect(seqs).toEqual([26, 27, 28, 29, 30]));
    // More than a first page's 50 at once: the tail reads older pages until it meets what it has printed.
    for (let i = 0; i < 260; i++) t.add();
    await vi.waitFor(() => expect(seqs).toHaveLength(5 + 260));
    t.add('admin.key_issued');
    await vi.waitFor(() => expect(seqs).toHaveLength(5 + 261));
    stop.abort();
    const ran = await tail;
    expect(ran.code).toBe(0);
    expect(seqs).toEqual(Array.from({ length: 266 }, (_, i) => 26 + i));
    expect(standIn.received.every((r) => r.authorization === 'Bearer op_test_local')).toBe(true);
  });

  it('follows a merchant’s trail with its secret key, filtered by type, and goes on through a failed poll', async () => {
    const t = trail();
    t.add('token.read');
    let fail = false;
    const standIn = await edgeWith(t, () => fail);
    const stop = new AbortController();
    const lines: string[] = [];
    const tail = tessera(['events', 'tail', '--type', 'token.read', '--interval', '100'], {
      env: { TESSERA_EDGE: standIn.origin, TESSERA_SECRET_KEY: 'sk_test_shop_local' },
      signal: stop.signal,
      onStdout: (text) => lines.push(...text.trim().split('\n')),
    });
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    fail = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
    fail = false;
    t.add('token.created');
    t.add('token.read');
    await vi.waitFor(() => expect(lines).toHaveLength(2));
    stop.abort();
    const ran = await tail;
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('Title of service_unavailable. (service_unavailable) Still following.');
    expect(lines[0]).toMatch(/#1 {2}token\.read {2}success/);
    expect(standIn.received[0]?.path).toBe('/v1/events');
    expect(standIn.received[0]?.authorization).toBe('Bearer sk_test_shop_local');
  });

  it('prints the newest and stops with --no-follow', async () => {
    const t = trail();
    for (let i = 0; i < 3; i++) t.add();
    const standIn = await edgeWith(t);
    const ran = await tessera(['events', 'tail', '--no-follow', '--json'], { env: { TESSERA_EDGE: standIn.origin } });
    expect(ran.code).toBe(0);
    expect(ran.jsonLines<AuditEvent>().map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('refuses a key that is not a secret key', async () => {
    const ran = await tessera(['events', 'tail', '--secret-key', 'pk_test_x', '--no-follow']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--secret-key: a merchant secret key');
  });
});
