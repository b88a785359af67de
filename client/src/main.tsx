import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { bindDocumentTitle } from './document-title.ts';
import { connectSocket } from './socket/binding.ts';
import { appStore } from './store/index.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

bindDocumentTitle(appStore, document);
const socket = connectSocket(appStore);
void appStore.getState().loadSymbols();
// Accounts and chat load in a chunk of their own while the chart fetches its candles; the panel
// shows once they are installed.
const chat = import('./chat/chat-feature.ts').then((feature) => {
  feature.installChat(appStore, socket);
  return feature;
});

createRoot(root).render(
  <StrictMode>
    <App chat={chat} />
  </StrictMode>,
);
