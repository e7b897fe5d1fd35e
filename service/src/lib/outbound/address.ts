import ipaddr from 'ipaddr.js';

// Ranges ipaddr.js names, in the words an error message uses. Anything it does not call plain
// `unicast` is refused: the list below only chooses the words.
const REASONS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private network',
  uniqueLocal: 'private network',
  linkLocal: 'link-local (cloud metadata)',
  carrierGradeNat: 'shared address space (CGNAT)',
  unspecified: 'unspecified address',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

// Public addresses that still answer as the host's own metadata or control plane (Azure's wire
// server); the usual 169.254.169.254 and fd00:ec2::254 are link-local and unique-local already.
const METADATA = ['168.63.129.16'];

/**
 * Why a request on a tenant's behalf must not go to `ip`, or null when it is a public unicast
 * address. IPv4-mapped IPv6 forms (`::ffff:127.0.0.1`) are judged as the IPv4 address they carry;
 * the IPv6 forms that embed an IPv4 address for translation (NAT64, 6to4, Teredo) are refused whole.
 */
export function addressNotAllowed(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return 'not an IP address';
  const addr = ipaddr.process(ip);
  const range = addr.range();
  if (range !== 'unicast') return REASONS[range] ?? 'reserved range';
  if (addr.kind() === 'ipv4' && METADATA.includes(addr.toString())) return 'cloud metadata';
  // The deprecated IPv4-compatible form ::a.b.c.d, which ipaddr.js counts as unicast.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return 'reserved range';
  return null;
}
