import { Router } from 'express';
import type { HealthResponse, ReadinessResponse } from '../../../../shared/http.ts';

export type ReadinessCheck = () => Promise<ReadinessResponse>;

export function healthRoutes(readiness: ReadinessCheck): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies HealthResponse);
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness();
    res.status(report.ready ? 200 : 503).json(report);
  });
  return router;
}
