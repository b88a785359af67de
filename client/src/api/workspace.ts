import type { Workspace, WorkspaceResponse } from '../../../shared/workspace.ts';
import { requestJson } from './request.ts';

export interface WorkspaceApi {
  /** The signed-in user's saved workspace; `workspace: null` before their first save. */
  fetch(): Promise<WorkspaceResponse>;
  save(workspace: Workspace): Promise<WorkspaceResponse>;
  /** The last save as the page goes away: sent even if the page is closed meanwhile, never awaited. */
  saveOnLeave(workspace: Workspace): void;
}

export const workspaceApi: WorkspaceApi = {
  fetch: () => requestJson<WorkspaceResponse>('GET', '/api/workspace'),
  save: (workspace) => requestJson<WorkspaceResponse>('PUT', '/api/workspace', workspace),
  saveOnLeave: (workspace) => {
    void fetch('/api/workspace', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(workspace),
      keepalive: true,
    }).catch(() => undefined);
  },
};
