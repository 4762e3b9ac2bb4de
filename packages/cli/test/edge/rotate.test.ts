import { describe, expect, it } from 'vitest';
import type { RotateStatus } from '../../src/api/admin-types';
import { cli, edge } from '../support/edge';

// POST/GET /v1/admin/rotate and /rotate/retire (apps/edge/src/routes/admin.ts) through the CLI.

describe('rotate', () => {
  it('rotates every merchant to another KEK, watched to the end; the old KEK may then be retired', async () => {
    const { keks } = edge();
    expect((await cli(['rotate', 'status', '--json'])).json<RotateStatus>()).toMatchObject({ state: 'idle' });

    const watched = await cli(['rotate', 'start', '--kek', keks.next, '--watch', '--interval', '200', '--json']);
    expect(watched.code).toBe(0);
    const statuses = watched.jsonLines<RotateStatus>();
    expect(statuses[0]).toMatchObject({ state: 'running', kek: keks.next });
    expect(statuses.at(-1)).toMatchObject({ state: 'done', kek: keks.next, failed: 0 });
    const last = statuses.at(-1) as RotateStatus;
    expect(last.done).toBe(last.total);

    const status = await cli(['rotate', 'status']);
    expect(status.stdout).toBe(`Rotation to ${keks.next} done: ${last.done}/${last.total} merchants rewrapped.\n`);

    const retired = await cli(['rotate', 'retire', '--kek', keks.active, '--json']);
    expect(retired.json()).toEqual({ kek: keks.active, retirable: true });
    const inUse = await cli(['rotate', 'retire', '--kek', keks.next]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('(409 kek_in_use, param kek');
  });

  it('refuses a KEK that TESSERA_KEKS does not list', async () => {
    const ran = await cli(['rotate', 'start', '--kek', 'kek_unknown', '--json']);
    expect(ran.code).toBe(1);
    expect(ran.json()).toMatchObject({ error: { code: 'invalid_request', param: 'kek' } });
  });
});
