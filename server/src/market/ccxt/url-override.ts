type UrlTree = string | { [key: string]: UrlTree } | UrlTree[] | undefined | null | number | boolean;

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i;

/**
 * Replaces scheme, host and port of every URL in ccxt's `urls.api` tree with `origin`, keeping the
 * paths. `select` picks which URLs move: REST ones and WebSocket ones are overridden separately.
 */
export function overrideOrigins<T extends UrlTree>(
  tree: T,
  origin: string,
  select: (url: string) => boolean,
): T {
  const target = origin.replace(/\/+$/, '');
  const walk = (node: UrlTree): UrlTree => {
    if (typeof node === 'string')
      return ORIGIN.test(node) && select(node) ? node.replace(ORIGIN, target) : node;
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(tree) as T;
}

export const isWebSocketUrl = (url: string) => /^wss?:\/\//i.test(url);

/** `http://h:1` → `ws://h:1`, `https://…` → `wss://…`; WebSocket origins stay as they are. */
export function toWebSocketOrigin(origin: string): string {
  return origin.replace(/^http(s?):\/\//i, 'ws$1://');
}
