import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const require = createRequire(import.meta.url);
const WASM_NAME = 'libpg-query.wasm';
const wasmPath = require.resolve(`libpg-query/wasm/${WASM_NAME}`);

/**
 * libpg-query's emscripten loader computes the wasm URL as `scriptDirectory + "libpg-query.wasm"`, where
 * scriptDirectory is the directory of the running worker script (`self.location.href`), or the page's directory on
 * the main thread. Vite does not see that reference, so:
 * - dev: answer any request for `.../libpg-query.wasm` with the file from node_modules;
 * - build: emit the wasm, unhashed, next to the bundled workers in `assets/` (and at the root for main-thread use).
 */
function libpgQueryWasm(): Plugin {
  return {
    name: 'tablewright:libpg-query-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.endsWith(`/${WASM_NAME}`)) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(wasmPath).pipe(res);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: `assets/${WASM_NAME}`, source: readFileSync(wasmPath) });
      // Main-thread users (the page's own directory is the root).
      this.emitFile({ type: 'asset', fileName: WASM_NAME, source: readFileSync(wasmPath) });
    },
  };
}

export default defineConfig({
  plugins: [react(), libpgQueryWasm()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4317, strictPort: true },
});
