import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { addressNotAllowed } from './address';

/** A connection refused because of where it would go; never worth another try. */
export class AddressNotAllowedError extends Error {
  readonly code = 'IGNY8_ADDRESS_NOT_ALLOWED';

  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`address not allowed: ${reason}`);
    this.name = 'AddressNotAllowedError';
  }
}

/** Why the policy refuses `ip`, or null; `except` lists addresses let through all the same. */
type Policy = (ip: string) => string | null;

const policyWith = (except: readonly string[]): Policy => (ip) => (except.includes(ip) ? null : addressNotAllowed(ip));

/**
 * A `lookup` for `net.connect` that resolves as usual and keeps only the allowed addresses, so the
 * socket connects to an address that was checked: a DNS answer that changes between a check and
 * the connection (rebinding) has nothing to slip through.
 */
export function allowedLookup(except: readonly string[] = []): LookupFunction {
  const refused = policyWith(except);
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const allowed = addresses.filter((a) => refused(a.address) === null);
      if (allowed.length === 0) {
        const reason = addresses[0] ? refused(addresses[0].address)! : 'no address';
        return callback(new AddressNotAllowedError(hostname, reason) as unknown as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/**
 * undici's connector with a connect deadline, which refuses disallowed addresses when
 * `allowPrivate` is off: literal IPs here (net.connect does not look them up), names through
 * `allowedLookup`. Every connection of the dispatcher passes through it, redirects included.
 */
export function guardedConnector(opts: { allowPrivate: boolean; connectTimeoutMs: number; except?: readonly string[] }): buildConnector.connector {
  const except = opts.except ?? [];
  const base = buildConnector({ timeout: opts.connectTimeoutMs, ...(opts.allowPrivate ? {} : { lookup: allowedLookup(except) }) });
  if (opts.allowPrivate) return base;
  const refused = policyWith(except);
  return (options, callback) => {
    const reason = isIP(options.hostname) ? refused(options.hostname) : null;
    if (reason) return callback(new AddressNotAllowedError(options.hostname, reason), null);
    return base(options, callback);
  };
}
