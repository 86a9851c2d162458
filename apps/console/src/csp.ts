/**
 * The console's Content Security Policy, shared by the built index.html (meta tag) and documented
 * for the Electron shell, which sends the same policy as a header.
 *
 * - script-src 'self': no inline or eval'd script (Vite's build emits an external module).
 * - style-src 'self': stylesheets only; React's `style={{}}` goes through the CSSOM, which CSP allows.
 * - connect-src: 'self' (the ingest that served the page, including its ws: upgrade), plus ws:/wss:
 *   to any host because `?ingest=` may name another ingest and Socket.IO here is WebSocket-only, plus
 *   http to localhost for a console served by Vite talking to a local ingest. No other http(s).
 * - media-src/worker-src blob:: the MSE fallback plays a MediaSource object URL.
 * - object-src, base-uri, form-action 'none'. (frame-ancestors cannot be set from a meta tag; the
 *   ingest and the Electron shell send it as a header.)
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws: wss: http://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
