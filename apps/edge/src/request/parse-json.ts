import { EdgeError } from '../errors/edge-error';
import { decodeUtf8 } from '../lib/encoding';

/** Parses JSON bytes strictly: UTF-8 only, or `invalid_json`. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decodeUtf8(bytes));
  } catch {
    // The parser's message can quote the input; it is dropped here.
    throw new EdgeError('invalid_json');
  }
}
