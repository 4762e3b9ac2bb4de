import { describe, expect, it } from 'vitest';
import { sameOptions } from './same-options';

describe('sameOptions', () => {
  it('compares nested plain data by value', () => {
    expect(
      sameOptions(
        { style: { base: { color: 'red' } }, disabled: true },
        { disabled: true, style: { base: { color: 'red' } } },
      ),
    ).toBe(true);
    expect(sameOptions({}, {})).toBe(true);
    expect(sameOptions([1, 'a'], [1, 'a'])).toBe(true);
  });

  it('tells apart changed, added and removed values and different shapes', () => {
    expect(sameOptions({ style: { base: { color: 'red' } } }, { style: { base: { color: 'blue' } } })).toBe(false);
    expect(sameOptions({ disabled: true }, { disabled: true, hideIcon: true })).toBe(false);
    expect(sameOptions({ disabled: undefined }, { hideIcon: undefined })).toBe(false);
    expect(sameOptions({ 0: 'a' }, ['a'])).toBe(false);
    expect(sameOptions({ style: null }, { style: {} })).toBe(false);
    expect(sameOptions(1, '1')).toBe(false);
  });
});
