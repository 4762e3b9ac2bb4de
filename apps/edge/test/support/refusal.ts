import { EdgeError } from '../../src/errors/edge-error';

/** The code of the EdgeError `fn` throws, 'other' for any other throw, undefined when it throws nothing. */
export function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof EdgeError ? error.code : 'other';
  }
}
