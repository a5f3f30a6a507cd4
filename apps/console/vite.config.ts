import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'url';

const root = fileURLToPath(new URL('.', import.meta.url));
// `vite` (nx run console:dev) proxies the console server's routes, which must run beside it (npm run console).
const server = process.env.CONSOLE_SERVER ?? 'http://127.0.0.1:4200';

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../dist/apps/console', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': server, '/config.json': server, '/dev': server } },
});
