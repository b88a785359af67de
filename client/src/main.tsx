import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAlerts } from './alerts/alerts-loader.ts';
import { App } from './App.tsx';
import { bindDocumentTitle } from './document-title.ts';
import { firstCandles } from './first-candles.ts';
import { bindStreams, createSocket } from './socket/binding.ts';
import { appStore } from './store/index.ts';
import { watchlistStore } from './watchlist/watchlist-store.ts';
import { paneStores } from './workspace/app-workspace.ts';
import { followActiveStore } from './workspace/pane-stores.ts';
import { startWorkspace } from './workspace/start-workspace.ts';
import { workspaceStore } from './workspace/workspace-store.ts';
import './styles.css';
// Sets <html data-theme> as it loads: the first render is already in the right theme.
import './theme/app-theme.ts';
import './workspace/workspace.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const socket = createSocket();
const binding = bindStreams(socket);
// The header's 24-hour change and the watchlist come after the first candles, not before them,
// and so does their code.
void firstCandles()
  .then(() => import('./socket/ticker-binding.ts'))
  .then(({ bindTickers }) => bindTickers(watchlistStore, socket));
socket.connect();
void appStore.getState().loadSymbols();
startWorkspace(binding);
followActiveStore(workspaceStore, paneStores, (store) => bindDocumentTitle(store, document));
// Accounts and chat load in a chunk of their own once the first candles are drawn; the panel
// shows once they are installed.
const chat = firstCandles()
  .then(() => import('./chat/chat-feature.ts'))
  .then((feature) => {
    feature.installChat(appStore, socket);
    return feature;
  });
// The alerts need the account the chat's chunk brings: their own chunk follows it.
startAlerts(chat, appStore, socket);

createRoot(root).render(
  <StrictMode>
    <App chat={chat} />
  </StrictMode>,
);
