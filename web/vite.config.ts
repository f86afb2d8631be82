/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// During `npm run dev` the API is proxied to a running `stepwise serve`
// (default http://127.0.0.1:8080; override with STEPWISE_API).
const api = process.env.STEPWISE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': api,
      '/readyz': api,
      '/healthz': api,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Form-heavy tests type a lot; on a busy machine they need more than the default 5 s.
    testTimeout: 20_000,
  },
});
