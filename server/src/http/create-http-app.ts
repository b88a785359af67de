import { existsSync, readdirSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type RequestHandler, type Response, type Router } from 'express';
import type { ApiError } from '../../../shared/errors.ts';
import { AppError, httpStatusOf, toApiError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { Registry } from 'prom-client';
import type { TrustProxy } from '../kernel/client-address.ts';
import { limitRequestsPerAddress } from './request-limits.ts';
import { healthRoutes, type ReadinessCheck } from './routes/health.ts';
import { marketRoutes } from './routes/market.ts';

export interface HttpDeps {
  market: Parameters<typeof marketRoutes>[0];
  readiness: ReadinessCheck;
  metrics: Registry;
  /** The built SPA (dist/client); when absent the API still works. */
  staticDir?: string;
  logger: Logger;
  /** Run before everything else: security headers, CORS, the cross-site guard (server/src/auth). */
  guards?: RequestHandler[];
  /** More API routers (accounts, chat), mounted before the /api 404. */
  apiRoutes?: Router[];
  /** Routes whose bodies may be larger than 16 KB, each with its own parser (the workspace). */
  bodyParsers?: Array<{ path: string; parser: RequestHandler }>;
  /** Which proxies to believe about the client's address (req.ip); none by default. */
  trustProxy?: TrustProxy;
  /** Requests to /api per client address per minute; 0 for no limit (default 1200). */
  requestsPerMinute?: number;
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(compressAnswers());
  // Before the body is parsed: a request from a foreign origin is refused without reading it.
  for (const guard of deps.guards ?? []) app.use(guard);
  app.use('/api', limitRequestsPerAddress(deps.requestsPerMinute ?? 1200));
  for (const { path, parser } of deps.bodyParsers ?? []) app.use(path, parser);
  // A body one of those has read is left alone here.
  app.use(express.json({ limit: '16kb' }));

  app.use(healthRoutes(deps.readiness));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });
  app.use(marketRoutes(deps.market));
  for (const routes of deps.apiRoutes ?? []) app.use(routes);
  app.use('/api', (req, _res, next) =>
    next(new AppError('NOT_FOUND', `No such endpoint: ${req.method} ${req.originalUrl}`)),
  );

  const index = deps.staticDir ? join(deps.staticDir, 'index.html') : undefined;
  if (deps.staticDir && index && existsSync(index)) {
    app.use(servePrecompressed(deps.staticDir));
    app.use(express.static(deps.staticDir, staticOptions(deps.staticDir)));
    // A hashed asset that is not there is a 404, never the SPA's HTML under a script's name.
    app.use('/assets', (_req, res) => void res.status(404).type('text').send('Not found'));
    // Client-side routes all land on the SPA, revalidated each time so a new build shows at once.
    app.get('/{*path}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, { cacheControl: false });
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The client is not built yet: run `npm run build` (npm start does it for you).');
    });
  }

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const error = clientErrorOf(err) ?? toApiError(err, deps.logger);
    if (error.retryAfterMs !== undefined)
      res.set('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
    res.status(httpStatusOf(error.code)).json({ error });
  };
  app.use(onError);
  return app;
}

/**
 * Brotli or gzip for every compressible answer (JSON, HTML, scripts, metrics), whatever its size:
 * a few dozen microseconds each. Socket.IO never reaches Express (its engine answers /socket.io/ on
 * the HTTP server first); an event stream would be held back by the compressor, so it is left alone.
 */
function compressAnswers(): RequestHandler {
  return compression({
    threshold: 0,
    filter: (req, res) =>
      res.statusCode !== 204 &&
      res.statusCode !== 304 &&
      !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
      compression.filter(req, res),
  });
}

/** What the build wrote beside the assets (scripts/build.mjs), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves `x.js.br` or `x.js.gz` for `x.js` when the client accepts it: compressed once at build time
 * at brotli's best level (−14 % against gzip on the entry chunk, ~1 s of CPU each, far too slow per
 * request). Files without such a sibling are compressed on the fly by compressAnswers.
 */
function servePrecompressed(staticDir: string): RequestHandler {
  const files = new Set(
    readdirSync(staticDir, { recursive: true, encoding: 'utf8' }).map((f) => `/${f.split(sep).join('/')}`),
  );
  return (req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      !PRECOMPRESSED.some(({ suffix }) => files.has(req.path + suffix))
    )
      return next();
    res.vary('Accept-Encoding');
    // No Accept-Encoding at all means "identity" in practice, though the RFC would allow anything.
    const variant = req.headers['accept-encoding']
      ? PRECOMPRESSED.find(
          ({ encoding, suffix }) =>
            files.has(req.path + suffix) && req.acceptsEncodings(encoding) === encoding,
        )
      : undefined;
    if (variant) {
      res.locals.precompressed = { encoding: variant.encoding, type: extname(req.path) };
      req.url = req.path + variant.suffix + req.url.slice(req.path.length);
    }
    next();
  };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed names under /assets/ never change content: cached for a year. Anything else is revalidated. */
function staticOptions(staticDir: string) {
  const assets = join(staticDir, 'assets') + sep;
  return {
    index: false,
    cacheControl: false,
    setHeaders(res: Response, path: string) {
      res.setHeader('Cache-Control', path.startsWith(assets) ? IMMUTABLE : 'no-cache');
      const variant = res.locals.precompressed as { encoding: string; type: string } | undefined;
      if (variant) {
        res.setHeader('Content-Encoding', variant.encoding);
        res.type(variant.type);
      }
    },
  };
}

/**
 * What the request got wrong, from the errors Express and body-parser raise before any route runs
 * (http-errors with a 4xx status): a body that isn't JSON, too large, in a character set or encoding
 * we don't read, a path that isn't valid percent-encoding. These are the client's, never logged as ours.
 */
function clientErrorOf(err: unknown): ApiError | undefined {
  if (err instanceof SyntaxError)
    return { code: 'INVALID_PAYLOAD', message: 'The request body is not valid JSON' };
  const { status, type } = err as { status?: unknown; type?: unknown };
  if (type === 'entity.too.large')
    return { code: 'INVALID_PAYLOAD', message: 'The request body is too large' };
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON in UTF-8, without a content encoding' };
  if (err instanceof URIError || (status === 400 && err instanceof Error))
    return { code: 'INVALID_PAYLOAD', message: 'The request is malformed (bad percent-encoding or body)' };
  return undefined;
}
