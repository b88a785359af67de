import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers with a CSP the built SPA lives within: its scripts and styles are files from this
 * origin (Vite emits no inline script), the charts draw on canvases, the favicon is a data: URI, and
 * the Socket.IO websocket is same-origin (CSP 3's 'self' covers ws:/wss: of this host). Over plain
 * HTTP (COOKIE_SECURE off) neither HSTS nor upgrade-insecure-requests is sent: they would point a
 * browser at an HTTPS port nobody listens on.
 */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https,
  });
}
