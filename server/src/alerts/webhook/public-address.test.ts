import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.ts';
import { sendWebhook, signature } from './webhook-sender.ts';
import { checkWebhookUrl } from './webhook-url.ts';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, shared, reserved and multicast ranges, in both families', () => {
    const refused = [
      '127.0.0.1',
      '127.255.0.9',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '198.18.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
      '2002:a00:1::',
      'not an address',
    ];
    for (const address of refused) expect(isPublicAddress(address), address).toBe(false);
    for (const address of [
      '1.1.1.1',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700:4700::1111',
      '::ffff:1.1.1.1',
    ])
      expect(isPublicAddress(address), address).toBe(true);
  });
});

describe('webhook URLs and deliveries', () => {
  let receiver: Server;
  let port: number;
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('refuses a URL that is not http(s), carries credentials, or leads to this host or its network', async () => {
    const refusals: Array<[string, RegExp]> = [
      ['ftp://example.com/hook', /must start with https:\/\/ or http:\/\//],
      ['example.com/hook', /must be an absolute URL/],
      ['https://user:secret@example.com/hook', /must not carry a user name or password/],
      ['http://127.0.0.1:8080/hook', /127\.0\.0\.1, a private, loopback or reserved address/],
      ['http://localhost/hook', /localhost resolves to (127\.0\.0\.1|::1), a private/],
      ['http://[::1]/hook', /::1, a private/],
      ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254, a private/],
      ['http://10.0.0.7/hook', /10\.0\.0\.7, a private/],
      ['http://[::ffff:192.168.0.1]/hook', /a private/],
      ['https://trendscope-test.invalid/hook', /does not resolve to any address/],
    ];
    for (const [url, message] of refusals)
      await expect(checkWebhookUrl(url, false), url).rejects.toMatchObject({
        code: 'INVALID_PAYLOAD',
        message: expect.stringMatching(message),
      });
    await expect(checkWebhookUrl(`http://127.0.0.1:${port}/hook`, true)).resolves.toBeInstanceOf(URL);
  });

  it('never connects to a private address unless allowed, however the URL names it', async () => {
    const send = (url: string, allowPrivate: boolean) =>
      sendWebhook(
        { url, secret: 's', deliveryId: '1', body: '{}' },
        { timeoutMs: 2_000, allowPrivate, now: 0 },
      );
    expect(await send(`http://127.0.0.1:${port}/`, false)).toEqual({
      ok: false,
      error: '127.0.0.1 is not a public address',
    });
    // A name is checked on the address it resolves to when connecting (a DNS answer that changed since it was set).
    expect(await send(`http://localhost:${port}/`, false)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a public address/),
    });
    expect(received).toEqual([]);
    expect(await send(`http://127.0.0.1:${port}/`, true)).toEqual({ ok: true });
    expect(received).toHaveLength(1);
  });

  it('signs a delivery with HMAC-SHA256 over its timestamp and body', async () => {
    received.length = 0;
    const body = JSON.stringify({ type: 'alert.triggered', id: '42' });
    const result = await sendWebhook(
      { url: `http://127.0.0.1:${port}/hook`, secret: 'whsec_test', deliveryId: '42', body },
      { timeoutMs: 2_000, allowPrivate: true, now: 1_767_225_600_000 },
    );
    expect(result).toEqual({ ok: true });
    expect(received[0]!.body).toBe(body);
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-trendscope-event': 'alert.triggered',
      'x-trendscope-delivery': '42',
      'x-trendscope-signature': signature('whsec_test', 1_767_225_600, body),
    });
    // Computed independently: HMAC-SHA256("whsec_test", "1767225600.<body>").
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', 'whsec_test').update(`1767225600.${body}`).digest('hex');
    expect(received[0]!.headers['x-trendscope-signature']).toBe(`t=1767225600,v1=${expected}`);
  });
});
