import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

// The page paths of the router table, written to dist/routes.json: the gateway answers
// those with the console and any other path with 404 (the console's not-found page).
function pagePaths(): Plugin {
  return {
    name: 'xiaoneng-page-paths',
    generateBundle() {
      const table = readFileSync(new URL('./src/router/index.ts', import.meta.url), 'utf8')
      const paths = [...new Set([...table.matchAll(/path: '([^']+)'/g)].map((m) => m[1]))]
        .filter((path) => !path.includes('('))
      this.emitFile({ type: 'asset', fileName: 'routes.json', source: JSON.stringify(paths) })
    },
  }
}

// Every asset is built into dist/ and served by the gateway: no CDN on an intranet.
export default defineConfig({
  plugins: [vue(), pagePaths()],
  build: { outDir: 'dist', assetsDir: 'assets', chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8000' } },
  test: { environment: 'jsdom' },
})
