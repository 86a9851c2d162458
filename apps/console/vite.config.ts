import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONSOLE_CSP } from './src/csp.ts';

const INGEST = process.env.CCTV_INGEST_URL ?? 'http://localhost:8640';

/**
 * The CSP meta tag goes into the built page only: the dev server injects an inline React-refresh
 * preamble that a strict script-src would block.
 */
function cspMeta(): Plugin {
  return {
    name: 'cctv-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONSOLE_CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  // Relative base: the built console can be served from any path (the ingest serves it at /).
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The module-preload polyfill is an inline-free script in Vite 8, but modern Chromium does not need it.
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    proxy: {
      '/socket.io': { target: INGEST, ws: true, changeOrigin: true },
      // Sign-in, set-up and the audit export are plain HTTP on the same ingest.
      '/api': { target: INGEST, changeOrigin: true },
    },
  },
});
