import type { Kysely } from 'kysely';
import { z } from 'zod';
import { WorkspaceSchema } from '../../../shared/workspace-schema.ts';
import { MAX_WORKSPACE_BYTES, type Workspace, type WorkspaceResponse } from '../../../shared/workspace.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { AppError } from '../kernel/errors.ts';
import { parsePayload } from '../kernel/validation.ts';
import { findWorkspace, saveWorkspace } from './workspace-repository.ts';

/** The shared zod/mini rules as a full-zod schema, so parsePayload spells out every problem. */
const WorkspaceBodySchema = z.object(WorkspaceSchema.shape);

/** Each user's workspace: read and replaced whole, by the signed-in user only. */
export class Workspaces {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(userId: string): Promise<WorkspaceResponse> {
    const stored = await findWorkspace(this.db, userId);
    return stored
      ? { workspace: stored.document as Workspace, updatedAt: stored.updatedAt.getTime() }
      : { workspace: null, updatedAt: null };
  }

  /** Validates a document sent by the client and stores it in place of the user's last one. */
  async save(userId: string, body: unknown): Promise<WorkspaceResponse> {
    const workspace = parsePayload(WorkspaceBodySchema, body);
    // What is stored: the validated document, without anything unknown the client sent along.
    const json = JSON.stringify(workspace);
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_WORKSPACE_BYTES) {
      throw new AppError(
        'INVALID_PAYLOAD',
        `The workspace is ${kilobytes(bytes)} of JSON; at most ${kilobytes(MAX_WORKSPACE_BYTES)} is kept (remove some drawings)`,
      );
    }
    const at = new Date(this.clock());
    await saveWorkspace(this.db, userId, json, at);
    return { workspace, updatedAt: at.getTime() };
  }
}

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;
