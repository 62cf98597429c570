import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The address of the person behind a request, for rate limits: the socket's peer, unless that peer is one of
 * TRUSTED_PROXIES, in which case X-Forwarded-For is read from the right, skipping trusted hops. A header
 * sent by anyone else is ignored, so it cannot be used to dodge a limit or to share someone else's bucket.
 */
export type ClientAddress = (req: IncomingMessage) => string;

export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddress {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (req) => proxyAddr(req, trust);
}

/** Parses the TRUSTED_PROXIES setting ("loopback, 10.0.0.0/8"); throws on a value that is not an address or range. */
export function parseTrustedProxies(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  proxyAddr.compile(list);
  return list;
}
