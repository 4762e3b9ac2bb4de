import { describe, expect, it } from 'vitest';
import { clientPrefix, isLoopbackAddress, judgedClient } from './client-address';

describe('client addresses', () => {
  it('judges an IPv6 client by its /64, however the address is written', () => {
    const forms = ['2001:db8:1:2::5', '2001:0db8:0001:0002:0000:0000:0000:0005', '2001:db8:1:2:ffff:1:2:3'];
    expect(new Set(forms.map(clientPrefix))).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(clientPrefix('2001:db8:1:3::5')).toBe('2001:db8:1:3::/64');
    expect(clientPrefix('::1234')).toBe('0:0:0:0::/64');
    expect(clientPrefix('198.51.100.7')).toBe('198.51.100.7');
  });

  it('judges no loopback client and no missing one', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(ip)).toBe(true);
    expect([judgedClient(undefined), judgedClient(null), judgedClient('127.0.0.1')]).toEqual([null, null, null]);
    expect(judgedClient('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});
