import { FIELD_PAGE } from '@tessera/protocol';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { getEffectiveConfig } from '../config/effective-config';
import { asEdgeError, toProblemResponse } from '../errors/problem';
import { fieldPageErrorResponse } from '../services/field-pages/error-page';
import { ELEMENTS_BASE, serveElement } from '../services/field-pages/serve-element';

export const elements = new Hono<AppEnv>();

elements.get('/*', (c) => serveElement(c.env, () => getEffectiveConfig(c.env), c.req.raw));

// The field page is shown to a shopper inside a frame: when it cannot be served, it answers a short human page in
// the shopper's language, never problem JSON. Everything else under /elements/v1/ answers problems as usual.
elements.onError((error, c) => {
  if (new URL(c.req.url).pathname !== `${ELEMENTS_BASE}${FIELD_PAGE}`) return toProblemResponse(error, c);
  const refusal = asEdgeError(error, c);
  // The access log and the audit of refused authentications read the code, as they do a problem's.
  c.set('problemCode', refusal.code);
  return fieldPageErrorResponse(refusal, c.req.header('Accept-Language'));
});
