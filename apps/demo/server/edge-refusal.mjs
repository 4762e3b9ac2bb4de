// How the merchant server reads the client's errors: what the checkout page is told, and what the log says.
import { TesseraApiError, TesseraConnectionError } from '@tessera/node';

/** @typedef {{ code: string, message: string, declineCode?: string }} Failure */

/**
 * What the page is told when the edge did not answer as hoped, and what the log says. The edge's problem code is
 * passed on with its status (a 5xx becomes 502: the edge failed, not this server); its title is a fixed message
 * that never carries card data. Anything that is not the client's error is a bug, thrown on.
 * @param {unknown} error
 * @param {string} edge
 * @returns {{ status: number, error: Failure, why: string }}
 */
export function edgeRefusal(error, edge) {
  if (error instanceof TesseraConnectionError) {
    return {
      status: 502,
      error: { code: 'edge_unreachable', message: 'The payment service could not be reached.' },
      why: `edge unreachable at ${edge} (${error.reason})`,
    };
  }
  if (!(error instanceof TesseraApiError)) throw error;
  const status = error.status >= 500 || error.status < 400 ? 502 : error.status;
  if (error.code === 'invalid_response') {
    const answered = error.status < 400 ? 'sent an unexpected answer' : `answered ${error.status}`;
    return {
      status,
      error: { code: 'edge_error', message: `The payment service ${answered}.` },
      why: error.status < 400 ? 'unexpected answer from the edge' : `edge answered ${error.status} edge_error`,
    };
  }
  return {
    status,
    error: { code: error.code, message: error.title },
    why: `edge answered ${error.status} ${error.code}`,
  };
}
