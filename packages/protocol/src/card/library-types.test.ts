import { describe, expect, it } from 'vitest';
import { type LibraryBrand, libraryType } from './library-types';

describe('libraryType', () => {
  it('reads a brand from the pinned credit-card-type data', () => {
    expect(libraryType('amex')).toMatchObject({ lengths: [15], code: { size: 4 } });
  });

  it('fails loudly for a brand the library data lacks, rather than detecting brands wrongly', () => {
    expect(() => libraryType('naranja' as LibraryBrand)).toThrow('credit-card-type has no data for naranja');
  });
});
