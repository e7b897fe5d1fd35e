import { describe, expect, it } from 'vitest';
import { addressNotAllowed } from './address';

describe('addressNotAllowed', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private network'],
    ['172.16.0.1', 'private network'],
    ['172.31.255.255', 'private network'],
    ['192.168.1.1', 'private network'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'shared address space (CGNAT)'],
    ['100.100.100.200', 'shared address space (CGNAT)'],
    ['0.0.0.0', 'unspecified address'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['168.63.129.16', 'cloud metadata'],
    ['192.0.0.192', 'reserved range'],
    ['240.0.0.1', 'reserved range'],
    ['::1', 'loopback'],
    ['::', 'unspecified address'],
    ['fe80::1', 'link-local (cloud metadata)'],
    ['fc00::1', 'private network'],
    ['fd00:ec2::254', 'private network'],
    ['ff02::1', 'multicast'],
    // IPv4-mapped forms are judged as the IPv4 address they carry.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private network'],
    ['::ffff:169.254.169.254', 'link-local (cloud metadata)'],
    // Forms that carry an IPv4 address to a translator, and the deprecated IPv4-compatible form.
    ['64:ff9b::7f00:1', 'reserved range'],
    ['2002:7f00:1::', 'reserved range'],
    ['2001::1', 'reserved range'],
    ['::127.0.0.1', 'loopback'],
    ['::808:808', 'reserved range'],
    ['not-an-ip', 'not an IP address'],
  ])('refuses %s (%s)', (ip, reason) => {
    expect(addressNotAllowed(ip)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (ip) => {
    expect(addressNotAllowed(ip)).toBeNull();
  });
});
