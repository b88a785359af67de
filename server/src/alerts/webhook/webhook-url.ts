import { AppError } from '../../kernel/errors.ts';
import { isPublicAddress, resolveAll } from './public-address.ts';

/** `[::1]` → `::1`: the form addresses are checked and resolved in. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

const refuse = (message: string) => new AppError('INVALID_PAYLOAD', `url: ${message}`);

/**
 * Checks a webhook URL when a user sets it, so a mistake is said at once rather than by failed
 * deliveries: http or https, no credentials in it, a name that resolves, and (unless allowed) only to
 * public addresses. Every delivery checks the address it connects to again.
 */
export async function checkWebhookUrl(text: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('must be an absolute URL such as https://example.com/hooks/trendscope');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse('must start with https:// or http://');
  if (url.username || url.password)
    throw refuse('must not carry a user name or password: the signature says the call is ours');
  if (url.hash) throw refuse('must not have a #fragment, which is never sent');
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = (await resolveAll(host)).map((a) => a.address);
  } catch {
    throw refuse(`${host} does not resolve to any address`);
  }
  const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a));
  if (refused !== undefined)
    throw refuse(
      `${host} resolves to ${refused}, a private, loopback or reserved address; webhooks go to the public internet only`,
    );
  return url;
}
