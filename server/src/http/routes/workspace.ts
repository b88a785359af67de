import express, { Router, type RequestHandler } from 'express';
import { MAX_WORKSPACE_BYTES, type WorkspaceResponse } from '../../../../shared/workspace.ts';
import { requireUser } from '../http-session.ts';
import type { Workspaces } from '../../workspace/workspaces.ts';

/**
 * GET and PUT /api/workspace: the signed-in user's workspace. Visitors keep theirs in the browser;
 * here they get 401.
 */
export function workspaceRoutes(workspaces: Workspaces, session: RequestHandler): Router {
  const router = Router();

  router.get('/api/workspace', session, async (_req, res) => {
    const { id } = requireUser(res);
    res.set('Cache-Control', 'no-store');
    res.json((await workspaces.get(id)) satisfies WorkspaceResponse);
  });

  router.put('/api/workspace', session, async (req, res) => {
    const { id } = requireUser(res);
    res.json((await workspaces.save(id, req.body)) satisfies WorkspaceResponse);
  });

  return router;
}

/**
 * The workspace's body parser, mounted before the app's 16 KB one (which then leaves the parsed body
 * alone): a document with many drawings is larger. Twice the cap, so that a document just over it is
 * read and refused with its size rather than as an unreadable body.
 */
export const workspaceBody: { path: string; parser: RequestHandler } = {
  path: '/api/workspace',
  parser: express.json({ limit: 2 * MAX_WORKSPACE_BYTES }),
};
