import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Decides which hops of X-Forwarded-For to believe (TRUST_PROXY), as Express does. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** `''`: trust no proxy; a number: that many hops; otherwise names and addresses proxy-addr knows. */
export function trustProxy(setting: string): TrustProxy {
  if (setting === '') return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(setting.split(',').map((s) => s.trim()));
}

/** The client's address: the connection's, or the nearest untrusted hop behind trusted proxies. */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  return proxyaddr(request, trust);
}
