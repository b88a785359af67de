import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../../../shared/auth.ts';
import type { ChatDeletedEvent, ChatMessageEvent } from '../../../shared/chat.ts';
import { TestClient } from './socket-client.ts';

export const PASSWORD = 'correct horse battery staple';

/** A username no other test uses. */
export const uniqueName = (prefix = 'user') => `${prefix}_${randomUUID().slice(0, 8)}`;

/**
 * One browser: a cookie jar over fetch (the session cookie, as the server sets and clears it) and
 * sockets that carry the cookie in their handshake, as a browser's would.
 */
export class Browser {
  cookie: string | undefined;
  user: PublicUser | undefined;

  constructor(
    readonly url: string,
    private readonly origin?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.origin ? { origin: this.origin } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const value = pair!.slice(pair!.indexOf('=') + 1);
      this.cookie = value === '' || /max-age=0/i.test(line) ? undefined : pair;
    }
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    return { status: res.status, body: res.status === 204 ? (undefined as T) : ((await res.json()) as T) };
  }

  /** Registers (and so signs in) a new user. */
  async register(username = uniqueName(), password = PASSWORD): Promise<PublicUser> {
    const { status, body } = await this.json<{ user: PublicUser }>('POST', '/api/auth/register', {
      username,
      password,
    });
    if (status !== 201) throw new Error(`register ${username}: ${status} ${JSON.stringify(body)}`);
    this.user = body.user;
    return body.user;
  }

  /** The same browser (its cookie) talking to another server: an instance behind the same balancer. */
  at(url: string): Browser {
    const other = new Browser(url, this.origin);
    other.cookie = this.cookie;
    other.user = this.user;
    return other;
  }

  /** A connected socket with this browser's cookie, recording the chat events it is pushed. */
  async socket(): Promise<ChatClient> {
    const client = new ChatClient(this.url, this.cookie);
    await client.connected();
    return client;
  }
}

export class ChatClient extends TestClient {
  readonly messages: ChatMessageEvent[] = [];
  readonly deleted: ChatDeletedEvent[] = [];

  constructor(url: string, cookie: string | undefined) {
    super(url, cookie ? { extraHeaders: { cookie } } : {});
    this.socket.on('chat:message', (e) => this.messages.push(e));
    this.socket.on('chat:deleted', (e) => this.deleted.push(e));
  }
}
