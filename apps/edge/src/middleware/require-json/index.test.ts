import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../app-env';
import { toProblemResponse } from '../../errors/problem';
import { mediaType, requireJson } from '.';

const app = new Hono<AppEnv>();
app.post('/', requireJson(), (c) => c.text('ok'));
app.onError(toProblemResponse);

describe('requireJson()', () => {
  it.each([
    ['application/json', 200],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON', 200],
    ['text/plain', 415],
    ['application/jsonx', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
  ])('%s → %i', async (contentType, status) => {
    const res = await app.request('/', { method: 'POST', body: '{}', headers: { 'Content-Type': contentType } });
    expect(res.status).toBe(status);
  });

  it('reads the media type without parameters', () => {
    expect(mediaType(' application/json ;charset=utf-8')).toBe('application/json');
    expect(mediaType(undefined)).toBe('');
  });
});
