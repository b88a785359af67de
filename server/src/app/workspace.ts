import type { RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { workspaceBody, workspaceRoutes } from '../http/routes/workspace.ts';
import { Workspaces } from '../workspace/workspaces.ts';

/** Per-user workspaces over HTTP: the routes, and the body parser their larger documents need. */
export function createWorkspaces(deps: { db: Kysely<Database>; clock: Clock; session: RequestHandler }): {
  routes: Router;
  bodyParsers: Array<{ path: string; parser: RequestHandler }>;
} {
  return {
    routes: workspaceRoutes(new Workspaces(deps.db, deps.clock), deps.session),
    bodyParsers: [workspaceBody],
  };
}
