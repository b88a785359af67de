import { Suspense, use } from 'react';
import { FailureBoundary } from '../components/FailureBoundary.tsx';
import type * as ChatFeature from './chat-feature.ts';
import { readPanelOpen } from './panel-preference.ts';

/** The chat's chunk, loading since startup (main.tsx) and installed into the store once it resolves. */
export type LoadingChat = Promise<typeof ChatFeature>;

const LOAD_FAILURE = 'The assistant could not load. Reload the page to try again.';

/**
 * The panel's box, open or folded as the panel will open, so the chart keeps its width when it
 * arrives; the open box says so when it never will.
 */
function PanelPlace({ failed = false }: { failed?: boolean }) {
  if (!readPanelOpen()) {
    return <aside className="chat-rail" aria-label="Assistant" title={failed ? LOAD_FAILURE : undefined} />;
  }
  return (
    <aside className="chat-panel" aria-label="Assistant" aria-busy={!failed}>
      {failed ? (
        <p className="chat-load-failure" role="alert">
          {LOAD_FAILURE}
        </p>
      ) : null}
    </aside>
  );
}

function LoadedChatPanel({ chat }: { chat: LoadingChat }) {
  const { ChatPanel } = use(chat);
  return <ChatPanel />;
}

export function LazyChatPanel({ chat }: { chat: LoadingChat }) {
  return (
    <FailureBoundary fallback={<PanelPlace failed />}>
      <Suspense fallback={<PanelPlace />}>
        <LoadedChatPanel chat={chat} />
      </Suspense>
    </FailureBoundary>
  );
}
