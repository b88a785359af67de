import { Router } from 'express';
import type { HealthResponse, ReadinessResponse } from '../../../../shared/http.ts';

export type ReadinessCheck = () => Promise<ReadinessResponse>;

/**
 * Liveness and readiness, for a supervisor and a load balancer (rules in app/readiness.ts and the
 * README's Reliability section). Never cached: each answer is the state now.
 */
export function healthRoutes(readiness: ReadinessCheck): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    // Answering at all is the check: the process runs and its event loop turns. A restart would not
    // bring back Redis, PostgreSQL or the exchange, so none of them is asked here.
    res.set('cache-control', 'no-store').json({ status: 'ok' } satisfies HealthResponse);
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness();
    res
      .set('cache-control', 'no-store')
      .status(report.ready ? 200 : 503)
      .json(report);
  });
  return router;
}
