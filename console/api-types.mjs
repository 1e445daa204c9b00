// The console's API types, src/api/schema.d.ts, from openapi.json: the gateway's OpenAPI
// document, which `make api` writes (python -m gateway.openapi) before running this.
// `node api-types.mjs --check` writes nothing and fails while the types are stale.
import { readFileSync, writeFileSync } from 'node:fs'
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript'

const TYPES = new URL('./src/api/schema.d.ts', import.meta.url)
const document = JSON.parse(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8'))

/** The schemas a request body is read with, and those they nest. */
function bodySchemas(spec) {
  const schemas = spec.components.schemas
  const refs = (value) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1])
  const found = new Set()
  const waiting = Object.values(spec.paths).flatMap((item) => Object.values(item))
    .flatMap((operation) => refs(operation.requestBody ?? {}))
  while (waiting.length) {
    const name = waiting.pop()
    if (!found.has(name)) { found.add(name); waiting.push(...refs(schemas[name])) }
  }
  return found
}

// An answer carries every field its schema names, so a schema that lists none as required is
// read as one whose fields are all there (propertiesRequiredByDefault); a body requires only
// what its schema lists, none when it lists none. (The document itself may not say so: OpenAPI
// 3.0 forbids an empty `required`.) A default is the server's to fill in: such a field is
// optional in a body (defaultNonNullable off).
for (const name of bodySchemas(document)) document.components.schemas[name].required ??= []
const types = COMMENT_HEADER + astToString(await openapiTS(document, {
  propertiesRequiredByDefault: true, defaultNonNullable: false, silent: true,
}))

if (!process.argv.includes('--check')) writeFileSync(TYPES, types)
else if (readFileSync(TYPES, 'utf8') !== types) {
  console.error('src/api/schema.d.ts is stale beside openapi.json: run make api')
  process.exit(1)
}
