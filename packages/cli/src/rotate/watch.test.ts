import { afterEach, describe, expect, it } from 'vitest';
import { tessera } from '../../test/support/cli';
import { json, problem, startStandIn } from '../../test/support/stand-in';
import type { RotateStatus } from '../api/admin-types';

// `rotate start|status --watch` against a stand-in of POST/GET /v1/admin/rotate that advances a rotation one
// merchant per poll.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function rotation(total: number, failing = 0) {
  let status: RotateStatus = { state: 'idle', done: 0, total: 0, failed: 0, kek: null };
  const standIn = await startStandIn((request, response) => {
    if (request.path !== '/v1/admin/rotate') return problem(response, 404, 'not_found');
    if (request.method === 'POST') {
      const { kek } = JSON.parse(request.body) as { kek: string };
      status = { state: 'running', done: 0, total, failed: 0, kek };
    } else if (status.state === 'running') {
      // As the registry counts: one more merchant per poll, the last `failing` of them failed.
      const through = status.done + status.failed + 1;
      const failed = Math.max(0, through - (total - failing));
      status = { ...status, done: through - failed, failed, state: through === total ? 'done' : 'running' };
    }
    json(response, request.method === 'POST' ? 202 : 200, status);
  });
  close = standIn.close;
  return standIn;
}

describe('rotate', () => {
  it('status answers the state as the edge says it', async () => {
    const standIn = await rotation(4);
    const ran = await tessera(['rotate', 'status', '--json'], { env: { TESSERA_EDGE: standIn.origin } });
    expect(ran.code).toBe(0);
    expect(ran.json()).toEqual({ state: 'idle', done: 0, total: 0, failed: 0, kek: null });
    const human = await tessera(['rotate', 'status'], { env: { TESSERA_EDGE: standIn.origin } });
    expect(human.stdout).toBe('No rotation has run: the first KEK of TESSERA_KEKS is the active one.\n');
  });

  it('start --watch --json prints each status as a JSON line until the rotation is done', async () => {
    const standIn = await rotation(4);
    const ran = await tessera(['rotate', 'start', '--kek', 'kek_new', '--watch', '--json', '--interval', '100'], {
      env: { TESSERA_EDGE: standIn.origin },
    });
    expect(ran.code).toBe(0);
    expect(ran.jsonLines<RotateStatus>().map((s) => [s.state, s.done])).toEqual([
      ['running', 0],
      ['running', 1],
      ['running', 2],
      ['running', 3],
      ['done', 4],
    ]);
    expect(standIn.received.map((r) => r.method)).toEqual(['POST', 'GET', 'GET', 'GET', 'GET']);
  });

  it('draws a progress bar on a terminal and ends with how it went', async () => {
    const standIn = await rotation(3);
    const ran = await tessera(['rotate', 'start', '--kek', 'kek_new', '--watch', '--interval', '100'], {
      env: { TESSERA_EDGE: standIn.origin },
      tty: true,
    });
    expect(ran.code).toBe(0);
    // @clack/prompts' progress bar: the bar, then the message, redrawn in place at each poll.
    for (const done of [0, 1, 2]) expect(ran.stdout).toMatch(new RegExp(`━+ Rotating to kek_new: ${done}/3 merchants`));
    expect(ran.stdout).toContain('Rotation to kek_new done: 3/3 merchants rewrapped.');
  });

  it('exits non-zero when merchants failed, and says how many', async () => {
    const standIn = await rotation(3, 1);
    const ran = await tessera(['rotate', 'start', '--kek', 'kek_new', '--watch', '--interval', '100'], {
      env: { TESSERA_EDGE: standIn.origin },
    });
    expect(ran.code).toBe(1);
    expect(ran.stdout.trim().split('\n').at(-1)).toBe('Rotation to kek_new done: 2/3 merchants rewrapped, 1 failed.');
    expect(ran.stderr).toContain(
      'The rotation finished with merchants it could not rewrap. 1 of 3 merchants. (rotation_failed)',
    );
  });
});
