import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env';
import { toProblemResponse } from '../../errors/problem';
import { sameOrigin } from '.';

const app = new Hono<AppEnv>();
app.post('/', sameOrigin(), (c) => c.text('ok'));
app.onError(toProblemResponse);
const post = (headers: Record<string, string>) => app.request('https://edge.test/', { method: 'POST', headers });

describe('sameOrigin()', () => {
  it('admits the edge origin, with or without Sec-Fetch-Site', async () => {
    expect((await post({ Origin: 'https://edge.test', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await post({ Origin: 'https://edge.test' })).status).toBe(200);
  });

  it.each([
    [{}],
    [{ Origin: 'null' }],
    [{ Origin: 'https://merchant.test' }],
    [{ Origin: 'https://edge.test', 'Sec-Fetch-Site': 'cross-site' }],
    [{ Origin: 'https://edge.test', 'Sec-Fetch-Site': 'none' }],
    [{ 'Sec-Fetch-Site': 'same-origin' }],
  ])('refuses %j', async (headers) => {
    expect((await post(headers)).status).toBe(403);
  });
});
