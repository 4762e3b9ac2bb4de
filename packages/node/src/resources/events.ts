import type { AuditEvent, ChainVerification, EventList } from '@tessera/protocol';
import { TesseraApiError } from '../http/errors';
import type { HttpClient } from '../http/http-client';
import { ndjson } from '../http/ndjson';
import { type EventListParams, type ExportLine, isChainVerification, isEventList, isExportLine } from '../types/events';

/** `tessera.events`: the merchant's audit trail, a hash chain of every card-touching call and refusal. */
export class Events {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** One page of events, newest first; `next` is the cursor of the next page. */
  async list(params: EventListParams = {}): Promise<EventList> {
    const { limit, after, type, token, since } = params;
    const query = { limit, after, type, token, since };
    return (await this.#http.json({ method: 'GET', path: '/v1/events', query }, isEventList)).body;
  }

  /**
   * Every event that matches, newest first, page after page (`limit` is the page size).
   *
   * @example
   * for await (const event of tessera.events.iterate({ token: 'tok_…' })) console.log(event.type, event.time);
   */
  async *iterate(params: EventListParams = {}): AsyncGenerator<AuditEvent, void, undefined> {
    let after = params.after;
    for (;;) {
      const page = await this.list({ ...params, ...(after === undefined ? {} : { after }) });
      yield* page.data;
      if (page.next === undefined || page.data.length === 0) return;
      after = page.next;
    }
  }

  /**
   * Checks the whole chain on the edge. Pass the `hash` of a head kept earlier to also prove that no event after it
   * was removed. A broken chain throws `TesseraApiError` `audit_chain_broken` (with `event`, the first bad one) or
   * `audit_chain_truncated`.
   */
  async verify(params: { head?: string } = {}): Promise<ChainVerification> {
    const query = { head: params.head };
    return (await this.#http.json({ method: 'GET', path: '/v1/events/verify', query }, isChainVerification)).body;
  }

  /**
   * The whole trail as it streams in, oldest first, one event at a time, and last the chain's head.
   *
   * @example
   * for await (const line of tessera.events.export({ since })) {
   *   if (line.object === 'chain_head') saveHead(line.hash);
   *   else archive(line);
   * }
   */
  async *export(params: { since?: number } = {}): AsyncGenerator<ExportLine, void, undefined> {
    const chunks = await this.#http.stream({
      method: 'GET',
      path: '/v1/events/export',
      query: { since: params.since },
    });
    const invalid = () =>
      new TesseraApiError({
        status: 200,
        code: 'invalid_response',
        title: 'The export stream holds a line that is not an event or the chain head.',
      });
    yield* ndjson(chunks, isExportLine, invalid);
  }
}
