import { loadTessera, type Tessera } from '@tessera/js';
import { crossOriginEdge } from '@tessera/testing';

/** The real SDK, loaded against the fake field page's origin (see @tessera/testing). */
export const loadTestTessera = (): Promise<Tessera> => loadTessera('pk_test_react', { edge: crossOriginEdge() });
