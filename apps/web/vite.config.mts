import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/* The auditor's workbench: served by NestJS under /ui from dist/web; nothing is fetched at run time. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/ui/',
  resolve: { alias: { '@hemotrace/kernel': resolve(import.meta.dirname, '../../libs/kernel/src') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  logLevel: 'warn',
});
