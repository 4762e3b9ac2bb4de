import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { edge } from '../support/edge';

const run = promisify(execFile);
const BIN = new URL('../../bin/tessera.mjs', import.meta.url).pathname;

// The CLI as the operator runs it: plain Node, the TypeScript run from source, flags rather than the environment.
describe('bin/tessera.mjs', () => {
  it('runs a command with --edge and --operator-key, and exits with its code', async () => {
    const { origin, operatorKey } = edge();
    const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
    const listed = await run(
      process.execPath,
      [BIN, 'merchants', 'list', '--edge', origin, '--operator-key', operatorKey, '--json'],
      { env },
    );
    expect(JSON.parse(listed.stdout)).toMatchObject({ object: 'list', data: expect.any(Array) });
    const refused = run(
      process.execPath,
      [BIN, 'merchants', 'list', '--edge', origin, '--operator-key', 'op_test_wrong'],
      { env },
    );
    await expect(refused).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('(401 unauthorized'),
    });
  });
});
