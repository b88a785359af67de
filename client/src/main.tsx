import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { bindDocumentTitle } from './document-title.ts';
import { connectSocket } from './socket/binding.ts';
import { bindChat } from './socket/chat-binding.ts';
import { appStore } from './store/index.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

bindDocumentTitle(appStore, document);
bindChat(appStore, connectSocket(appStore));
void appStore.getState().loadSymbols();
void appStore.getState().loadMe();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
