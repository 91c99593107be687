/**
 * The control panel's Content-Security-Policy: only our own bundled scripts and styles,
 * captures as blob/data images, no plugins, frames, forms or remote connections. Vite
 * writes it into the built index.html (a meta tag, since file:// pages get no headers);
 * the WebSocket transport of browser mode will add its one `connect-src` origin here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
