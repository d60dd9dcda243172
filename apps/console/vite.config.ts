import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console, built into apps/console/dist and served by the API from its own origin. For a console
 * hosted elsewhere, CONSOLE_API_URL (at build time) names the API's origin; the API must then allow
 * this origin in CORS_ORIGINS.
 */
export default defineConfig({
  root,
  base: '/',
  envPrefix: ['CONSOLE_'],
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Libraries change less often than pages: their own chunks stay cached across releases.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router', '@tanstack/react-query'],
          antd: ['antd', '@ant-design/icons'],
          i18n: ['i18next', 'react-i18next', 'dayjs'],
        },
      },
    },
  },
  server: { proxy: { '/api': process.env.CONSOLE_DEV_API ?? 'http://localhost:3000' } },
});
