import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress, publicOnlyLookup } from './public-address.ts';
import { hostOf } from './webhook-url.ts';

export const SIGNATURE_HEADER = 'x-trendscope-signature';
export const DELIVERY_HEADER = 'x-trendscope-delivery';
export const EVENT_HEADER = 'x-trendscope-event';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the user's secret>`: the receiver
 * recomputes it over the raw body, compares in constant time, and refuses an old `t` (a replay).
 */
export function signature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  /** The trigger's id: the same on every retry, so a receiver can drop a repeat. */
  deliveryId: string;
  body: string;
}

export interface WebhookSendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Unix ms, for the signature's timestamp. */
  now: number;
}

export type WebhookResult = { ok: true } | { ok: false; error: string };

/**
 * POSTs one signed delivery. Only a 2xx answer counts; redirects are not followed (the target would
 * escape the address check). Never throws: a failure comes back as its reason.
 */
export function sendWebhook(req: WebhookRequest, options: WebhookSendOptions): Promise<WebhookResult> {
  const url = new URL(req.url);
  const host = hostOf(url);
  // An address in the URL is connected to without a lookup, so it is checked here.
  if (!options.allowPrivate && isIP(host) !== 0 && !isPublicAddress(host))
    return Promise.resolve({ ok: false, error: `${host} is not a public address` });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = request(url, {
      method: 'POST',
      agent: false,
      lookup: publicOnlyLookup(options.allowPrivate),
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'TrendScope-Alerts/1',
        [EVENT_HEADER]: 'alert.triggered',
        [DELIVERY_HEADER]: req.deliveryId,
        [SIGNATURE_HEADER]: signature(req.secret, Math.floor(options.now / 1000), req.body),
      },
    });
    outgoing.on('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `answered HTTP ${status}` });
    });
    outgoing.on('error', (err) =>
      resolve({
        ok: false,
        error:
          err.name === 'AbortError' || err.name === 'TimeoutError'
            ? `no answer within ${options.timeoutMs} ms`
            : err.message,
      }),
    );
    outgoing.end(req.body);
  });
}
