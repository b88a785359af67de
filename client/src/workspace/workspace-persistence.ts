import { DEFAULT_WORKSPACE, type Workspace } from '../../../shared/workspace.ts';
import { WorkspaceSchema } from '../../../shared/workspace-schema.ts';
import type { WorkspaceApi } from '../api/workspace.ts';
import { describeFailure } from '../api/request.ts';
import type { AppStore } from '../store/index.ts';
import { readToggles } from '../store/indicator-toggles.ts';
import { readSelection, type SelectionStorage } from '../store/selection.ts';
import { nextPane } from './pane-stores.ts';
import { PANE_COUNT, type WorkspaceStore } from './workspace-store.ts';

// Loaded in a chunk of its own beside the symbol list (main.tsx): the schema library stays out of the
// first paint's script.

const STORAGE_KEY = 'trendscope.workspace';

/** The browser's storage, or none where the site may not use it. */
export function browserStorage(): SelectionStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading `localStorage` throws when storage is blocked for the site.
    return undefined;
  }
}

/** A document as the layout can show it: a chart for each cell, and an active one among them. */
function complete(workspace: Workspace): Workspace {
  const count = PANE_COUNT[workspace.layout];
  const panes = [...workspace.panes];
  while (panes.length < count) panes.push(nextPane(panes, [], workspace.panes[0]));
  return { ...workspace, panes, activePane: Math.min(workspace.activePane, count - 1) };
}

/** A workspace read back (storage, server), if it is one; anything else is no workspace. */
export function parseWorkspace(value: unknown): Workspace | null {
  const parsed = WorkspaceSchema.safeParse(value);
  return parsed.success ? complete(parsed.data) : null;
}

/**
 * This browser's workspace: the one kept in storage, else one made from the choices kept before
 * workspaces existed (the stream, the indicators), else the default.
 */
export function readLocalWorkspace(storage: SelectionStorage | undefined): Workspace {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const stored = raw ? parseWorkspace(JSON.parse(raw)) : null;
    if (stored) return stored;
  } catch {
    // Unreadable: start again from what the older keys say.
  }
  return {
    ...DEFAULT_WORKSPACE,
    panes: [readSelection(storage)],
    settings: { indicators: { ...readToggles(storage) } },
  };
}

function writeLocalWorkspace(storage: SelectionStorage | undefined, workspace: Workspace): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(workspace));
  } catch {
    // Private mode or a full quota: this browser just does not remember it.
  }
}

export interface PersistenceDeps {
  workspace: WorkspaceStore;
  storage: SelectionStorage | undefined;
  api: WorkspaceApi;
  /** The store with the account slice (appStore): who is signed in. */
  account: AppStore;
  /** How long changes settle before they are saved (default 1 s): a drag saves once, at its end. */
  debounceMs?: number;
  /** How long after a failed read or save it is tried again (default 5 s). */
  retryMs?: number;
  /** Calls `flush` as the page goes away; the window's `pagehide` by default. Returns its undo. */
  onLeave?: (flush: () => void) => () => void;
}

function onPageHide(flush: () => void): () => void {
  globalThis.addEventListener('pagehide', flush);
  return () => globalThis.removeEventListener('pagehide', flush);
}

/**
 * Saves every change of the workspace, a second after the last one: in this browser's storage always
 * (the next visit starts from it at once), and on the server for a signed-in user. When someone signs
 * in, the server's copy wins if there is one; otherwise this browser's is uploaded as theirs.
 * Returns what stops it.
 */
export function startPersistence(deps: PersistenceDeps): () => void {
  const { workspace, storage, api, account } = deps;
  const debounceMs = deps.debounceMs ?? 1_000;
  const retryMs = deps.retryMs ?? 5_000;

  /** The signed-in user whose server copy is in step with this browser; null for a visitor. */
  let syncedUser: string | null = null;
  /** A change the server does not have yet. */
  let unsaved = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by each sign-in and sign-out: an answer about an earlier one is dropped. */
  let generation = 0;
  /** True while a read from the server is applied: that change is not sent back. */
  let applyingServerCopy = false;

  // Undefined until the account slice is installed (the chat's chunk); then null for a visitor.
  const signedInUser = (): string | null => account.getState().user?.id ?? null;

  const schedule = (work: () => void, ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(work, ms);
  };

  async function save(): Promise<void> {
    writeLocalWorkspace(storage, workspace.getState().workspace);
    if (syncedUser === null || !unsaved) return;
    const sent = workspace.getState().workspace;
    const asked = generation;
    unsaved = false;
    try {
      await api.save(sent);
      if (asked === generation) workspace.getState().setSaveError(null);
    } catch (error) {
      if (asked !== generation) return;
      unsaved = true;
      const failure = describeFailure(error);
      // Signed out elsewhere: the next sign-in decides what happens to these changes.
      if (failure.code === 'UNAUTHENTICATED') return;
      workspace.getState().setSaveError(`Your layout is not saved on the server: ${failure.message}`);
      schedule(() => void save(), retryMs);
    }
  }

  /** A sign-in: the server's copy, when there is one, replaces this browser's; else this one is sent. */
  async function syncWith(userId: string): Promise<void> {
    const asked = ++generation;
    syncedUser = null;
    try {
      const { workspace: stored } = await api.fetch();
      if (asked !== generation) return;
      const serverCopy = parseWorkspace(stored);
      syncedUser = userId;
      if (serverCopy) {
        applyingServerCopy = true;
        workspace.getState().replace(serverCopy);
        applyingServerCopy = false;
        writeLocalWorkspace(storage, serverCopy);
        unsaved = false;
      } else {
        unsaved = true;
        await save();
      }
    } catch {
      if (asked === generation) schedule(() => void syncWith(userId), retryMs);
    }
  }

  let lastUser = signedInUser();
  if (lastUser) void syncWith(lastUser);
  const stopAccount = account.subscribe(() => {
    const user = signedInUser();
    if (user === lastUser) return;
    lastUser = user;
    if (user) void syncWith(user);
    else {
      generation++;
      syncedUser = null;
      workspace.getState().setSaveError(null);
    }
  });

  const stopWorkspace = workspace.subscribe((state, previous) => {
    if (state.workspace === previous.workspace || applyingServerCopy) return;
    unsaved = true;
    schedule(() => void save(), debounceMs);
  });

  // Closing the tab within the second after a change: the change still lands.
  const stopLeaving = (deps.onLeave ?? onPageHide)(() => {
    clearTimeout(timer);
    writeLocalWorkspace(storage, workspace.getState().workspace);
    if (syncedUser !== null && unsaved) api.saveOnLeave(workspace.getState().workspace);
    unsaved = false;
  });

  return () => {
    clearTimeout(timer);
    stopAccount();
    stopWorkspace();
    stopLeaving();
  };
}
