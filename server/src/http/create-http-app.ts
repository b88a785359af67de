import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { ApiError } from '../../../shared/errors.ts';
import { AppError, httpStatusOf, toApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Registry } from 'prom-client';
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
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Before the body is parsed: a request from a foreign origin is refused without reading it.
  for (const guard of deps.guards ?? []) app.use(guard);
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
    app.use(express.static(deps.staticDir, { index: false, maxAge: '1h' }));
    // Client-side routes all land on the SPA.
    app.get('/{*path}', (_req, res) => res.sendFile(index, { maxAge: 0 }));
  } else {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The client is not built yet: run `npm run build` (npm start does it for you).');
    });
  }

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const malformedBody =
      err instanceof SyntaxError || (err as { type?: string }).type === 'entity.too.large';
    const error: ApiError = malformedBody
      ? { code: 'INVALID_PAYLOAD', message: 'The request body is not valid JSON or is too large' }
      : toApiError(err, deps.logger);
    res.status(httpStatusOf(error.code)).json({ error });
  };
  app.use(onError);
  return app;
}
