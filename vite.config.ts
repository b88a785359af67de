import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const serverPort = Number(process.env.PORT ?? 3000);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // No public source maps: 2 MB of the image and of /assets that no user needs.
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    // Every browser the SPA supports (ES2023) preloads modules natively; the polyfill would only add weight.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev`: the SPA on Vite's port, API and Socket.IO proxied to the Node server.
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/readyz': `http://127.0.0.1:${serverPort}`,
      '/socket.io': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    include: ['{client,server,shared,scripts}/**/*.test.ts'],
    globalSetup: ['server/test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // ccxt sends a WebSocket subscription from a .then() whose rejection it never handles, so a socket
    // that closes at that instant (a test stopping the exchange) surfaces as an unhandled rejection.
    // The server logs these (main.ts); here exactly that one ccxt error is not a test failure.
    onUnhandledError(error) {
      const stack = String((error as { stack?: unknown }).stack ?? '');
      if (
        /WebSocket is not open/.test(String(error.message)) &&
        stack.includes('ccxt/js/src/base/ws/Client.js')
      )
        return false;
    },
  },
});
