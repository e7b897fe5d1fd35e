import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressNotAllowed } from './address';

const LOOKUP_LIMIT_MS = 5_000;

/**
 * Why a URL an account enters cannot be used, for a clear 400 when it is saved: a literal address
 * that is not allowed, a name that resolves only to such addresses, or a name that does not
 * resolve at all. Null when it looks fine, or when DNS is too slow to tell: the connection-time
 * check is the real guard, this one is for the person typing the URL.
 */
export async function checkUrlTarget(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const reason = addressNotAllowed(host);
    return reason ? `address not allowed: ${reason}` : null;
  }
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<null>((resolve) => (timer = setTimeout(resolve, LOOKUP_LIMIT_MS, null)));
  try {
    const addresses = await Promise.race([lookup(host, { all: true }), slow]);
    if (!addresses) return null;
    const allowed = addresses.filter((a) => addressNotAllowed(a.address) === null);
    return allowed.length ? null : `address not allowed: ${addressNotAllowed(addresses[0]!.address) ?? 'no address'}`;
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'ENOTFOUND' || code === 'ENODATA' ? `the host ${host} does not resolve` : null;
  } finally {
    clearTimeout(timer);
  }
}
