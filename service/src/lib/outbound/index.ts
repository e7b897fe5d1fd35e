import { Agent, fetch as undiciFetch } from 'undici';
import { guardedConnector } from './connector';

export { addressNotAllowed } from './address';
export { AddressNotAllowedError } from './connector';
export { checkUrlTarget } from './check-url';

export type OutboundOptions = {
  /** Off: connections to loopback, private, link-local and other non-public addresses are refused. */
  allowPrivate: boolean;
  /** Deadline for the TCP (and TLS) handshake. */
  connectTimeoutMs: number;
  /** Deadline for the answer's headers once the request is sent, and for each pause in its body. */
  firstByteTimeoutMs: number;
  /**
   * Addresses let through all the same. Tests use it to stand a public first hop on loopback and
   * prove that where it redirects to is still checked.
   */
  except?: readonly string[];
};

/** A `fetch` with its own connection pool, deadlines and address policy. */
export type OutboundFetch = typeof globalThis.fetch & { close(): Promise<void> };

export function createOutboundFetch(opts: OutboundOptions): OutboundFetch {
  const dispatcher = new Agent({
    connect: guardedConnector(opts),
    headersTimeout: opts.firstByteTimeoutMs,
    bodyTimeout: opts.firstByteTimeoutMs,
  });
  // undici's own fetch: the dispatcher of a newer undici is not guaranteed to fit the one built into Node.
  const guarded = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher });
  return Object.assign(guarded as unknown as typeof globalThis.fetch, { close: () => dispatcher.close() });
}

/**
 * The two ways out of the service: `tenant` for URLs an account chose (guarded unless the operator
 * allows private networks), `operator` for the operator's own settings and built-in providers.
 * Both have the same deadlines.
 */
export type Outbound = { tenant: OutboundFetch; operator: OutboundFetch };

export function createOutbound(opts: OutboundOptions): Outbound {
  return { tenant: createOutboundFetch(opts), operator: createOutboundFetch({ ...opts, allowPrivate: true }) };
}

export async function closeOutbound(o: Outbound): Promise<void> {
  await Promise.all([o.tenant.close(), o.operator.close()]);
}
