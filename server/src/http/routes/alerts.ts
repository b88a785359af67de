import { Router, type RequestHandler } from 'express';
import { AlertIdSchema } from '../../../../shared/alert-schemas.ts';
import type {
  AlertCreateRequest,
  AlertList,
  AlertUpdateRequest,
  AlertWebhook,
} from '../../../../shared/alerts.ts';
import type { AlertService } from '../../alerts/alert-service.ts';
import { AppError } from '../../kernel/errors.ts';
import { requireUser } from '../http-session.ts';

/** A path's alert id: anything but a UUID is no alert of anyone's. */
function alertId(raw: unknown): string {
  const id = String(raw);
  if (!AlertIdSchema.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such alert');
  return id;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('INVALID_PAYLOAD', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * The signed-in user's alerts over HTTP, as over the socket (`alert:*`): the list with its history,
 * create, edit, delete, mark seen, and the webhook. Visitors get 401.
 */
export function alertRoutes(alerts: AlertService, session: RequestHandler): Router {
  const router = Router();

  router.get('/api/alerts', session, async (_req, res) => {
    const { id } = requireUser(res);
    res.set('Cache-Control', 'no-store');
    res.json((await alerts.list(id)) satisfies AlertList);
  });

  router.post('/api/alerts', session, async (req, res) => {
    const { id } = requireUser(res);
    res.status(201).json({ alert: await alerts.create(id, req.body as AlertCreateRequest) });
  });

  router.post('/api/alerts/seen', session, async (req, res) => {
    const { id } = requireUser(res);
    res.json(await alerts.markSeen(id, req.body ?? {}));
  });

  router.get('/api/alerts/webhook', session, async (_req, res) => {
    const { id } = requireUser(res);
    res.set('Cache-Control', 'no-store');
    res.json({ webhook: await alerts.webhook(id) } satisfies { webhook: AlertWebhook | null });
  });

  router.put('/api/alerts/webhook', session, async (req, res) => {
    const { id } = requireUser(res);
    res.set('Cache-Control', 'no-store');
    res.json({ webhook: await alerts.setWebhook(id, req.body as { url: string }) });
  });

  router.delete('/api/alerts/webhook', session, async (_req, res) => {
    const { id } = requireUser(res);
    await alerts.removeWebhook(id);
    res.status(204).end();
  });

  router.patch('/api/alerts/:id', session, async (req, res) => {
    const { id: userId } = requireUser(res);
    const id = alertId(req.params.id);
    const request = { ...objectBody(req.body), id } as AlertUpdateRequest;
    res.json({ alert: await alerts.update(userId, request) });
  });

  router.delete('/api/alerts/:id', session, async (req, res) => {
    const { id: userId } = requireUser(res);
    await alerts.remove(userId, alertId(req.params.id));
    res.status(204).end();
  });

  return router;
}
