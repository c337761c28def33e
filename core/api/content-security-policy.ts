// The one Content-Security-Policy for the renderer: sent by browser mode, set by Electron, written into index.html.

/** Directives valid in a <meta> tag (frame-ancestors is header-only, added below). */
export const RENDERER_CSP_META =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const RENDERER_CSP = `${RENDERER_CSP_META}; frame-ancestors 'none'`;
