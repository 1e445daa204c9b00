import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Every asset is built into dist/ and served by the gateway: no CDN on an intranet.
export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'dist', assetsDir: 'assets', chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8000' } },
  test: { environment: 'jsdom' },
})
