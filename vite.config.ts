import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The single-page app lives in web/ and is built into dist/web, which the API server serves at /.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { proxy: { '/v1': 'http://localhost:3000', '/readyz': 'http://localhost:3000' } },
});
