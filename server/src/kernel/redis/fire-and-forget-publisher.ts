import type { Redis } from 'ioredis';

/**
 * The command connection for callers that publish and never look at the result: the Socket.IO Redis
 * adapter publishes every room broadcast (analyses, forecasts, chat messages) that way. With no
 * offline queue a publish while Redis is away rejects at once, and each would be an unhandled
 * rejection; here it is dropped instead. Only the copy for other instances' clients is lost while
 * Redis is away: this instance's clients get every broadcast. All else goes to the connection itself.
 */
export function fireAndForgetPublisher(client: Redis): Redis {
  const publish = (...args: Parameters<Redis['publish']>) => client.publish(...args).catch(() => 0);
  return new Proxy(client, {
    get(target, property) {
      if (property === 'publish') return publish;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
