// Renderer build: React + Tailwind, relative asset paths so Electron can load it from disk.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_CSP_META } from './core/api/content-security-policy.ts';

/** Writes the CSP into index.html: Electron loads it from file://, where no response header can carry one. */
const contentSecurityPolicy: Plugin = {
  name: 'portside-csp',
  transformIndexHtml: {
    order: 'post',
    handler: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP_META }, injectTo: 'head-prepend' },
    ],
  },
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), tailwindcss(), contentSecurityPolicy],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, strictPort: false },
});
