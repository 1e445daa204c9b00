import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
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

// The API reference the gateway serves at /api/docs (from dist/api-docs/): Swagger UI's
// prebuilt script and styles from swagger-ui-dist, with our page and the script that points
// it at /api/v1/openapi.json (console/api-docs/). Emitted into the bundle, so they are
// compressed below like the rest; the source-map comment goes, for the map is not shipped.
const SWAGGER_UI = ['swagger-ui-bundle.js', 'swagger-ui-bundle.js.LICENSE.txt', 'swagger-ui.css']
function apiDocs(): Plugin {
  return {
    name: 'xiaoneng-api-docs',
    apply: 'build',
    generateBundle() {
      const swaggerUi = dirname(
        createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
      const ours = fileURLToPath(new URL('./api-docs/', import.meta.url))
      const files = [...SWAGGER_UI.map((name) => join(swaggerUi, name)),
        ...readdirSync(ours).map((name) => join(ours, name))]
      for (const file of files) {
        const source = readFileSync(file, 'utf8')
          .replace(/\n?\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '\n')
        this.emitFile({ type: 'asset', fileName: `api-docs/${basename(file)}`, source })
      }
    },
  }
}

// Each text file of the build, compressed once here (brotli at its best, gzip) and written
// beside it as name.br and name.gz: the gateway sends the one the browser accepts, and
// compresses nothing per request. A file under 1 KiB gains nothing worth a second request
// path; a compressed copy no smaller than its file is not written.
const COMPRESSIBLE = /\.(js|css|html|json|svg)$/
function precompressed(): Plugin {
  return {
    name: 'xiaoneng-precompressed',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const [name, file] of Object.entries(bundle)) {
        const content = Buffer.from(file.type === 'chunk' ? file.code : file.source)
        if (!COMPRESSIBLE.test(name) || content.length < 1024) continue
        const copies = {
          br: brotliCompressSync(content, { params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
          gz: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
        }
        for (const [suffix, copy] of Object.entries(copies)) {
          if (copy.length < content.length) writeFileSync(join(options.dir!, `${name}.${suffix}`), copy)
        }
      }
    },
  }
}

// Every asset is built into dist/ and served by the gateway: no CDN on an intranet. Element
// Plus comes in by the piece: each component a template names is imported, with its styles,
// where it is used (the resolver), so a page's chunk carries only what it shows.
export default defineConfig({
  plugins: [
    vue(),
    Components({
      dirs: [], dts: false,
      // no styles under Vitest: jsdom lays nothing out, and Node cannot import a .css file
      resolvers: [ElementPlusResolver({ importStyle: process.env.VITEST ? false : 'css' })],
    }),
    pagePaths(),
    apiDocs(),
    precompressed(),
  ],
  build: {
    outDir: 'dist', assetsDir: 'assets',
    // ECharts (the statistics page's only) in two chunks loaded side by side, each under the
    // size Vite warns at: the charts and their renderer
    rollupOptions: {
      output: { manualChunks: (id) => /node_modules\/(echarts|zrender)\//.exec(id)?.[1] },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8000' } },
  test: { environment: 'jsdom' },
})
