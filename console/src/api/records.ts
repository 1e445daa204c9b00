// What the domain modules share: a record's type named by its schema in the types generated
// from the gateway's OpenAPI document (schema.d.ts, `make api`), a list read with its filters
// and page, and a record of work read by id and acted on with the verbs its `actions` lists.
import { onMounted, ref, type Ref } from 'vue'
import type { components } from './schema'
import { api, query, type Page } from './client'
import { useAction } from '../composables'

export type Schema<N extends keyof components['schemas']> = components['schemas'][N]
export type Params = Record<string, unknown>

/** A list route, read with its filters (and `limit`, `offset`). */
export function lister<T>(path: string): (params?: Params) => Promise<Page<T>> {
  return (params = {}) => api.get<Page<T>>(path + query(params))
}

/** Records of work under `collection`: one read by id, and a verb applied to it — posted to
 *  the route the verb ends (API.md), or to the one `routes` names where the two differ. */
export interface Records<T> {
  read: (id: string) => Promise<T>
  act: (id: string, verb: string, body?: unknown) => Promise<unknown>
}

export function records<T>(collection: string, routes: Record<string, string> = {}): Records<T> {
  const at = (id: string) => `${collection}/${encodeURIComponent(id)}`
  return {
    read: (id) => api.get<T>(at(id)),
    act: (id, verb, body) => api.post(`${at(id)}/${routes[verb] ?? verb}`, body),
  }
}

/** What a detail page does with its record: read it when mounted, `act(verb, body, done)`
 *  and read it again, `may(verb)` from its `actions`, the error and busy state of both.
 *  `loaded` sees each record read; returning false keeps it off the page (a page that sends
 *  the reader elsewhere instead). */
export function useRecord<T extends { actions: string[] }>(
  of: Records<T>, id: string, loaded?: (record: T) => boolean | void,
) {
  const record = ref(null) as Ref<T | null>
  const { error, busy, run } = useAction()
  async function load() {
    const found = await run(() => of.read(id))
    if (found && loaded?.(found) !== false) record.value = found
  }
  /** Runs `call` (an act, or a change to a part of the record) and reads the record again. */
  async function change(call: () => Promise<unknown>, done?: string) {
    if (await run(call, done)) await load()
  }
  const act = (verb: string, body?: unknown, done?: string) => change(() => of.act(id, verb, body), done)
  const may = (verb: string) => record.value?.actions.includes(verb) ?? false
  onMounted(load)
  return { record, error, busy, run, load, act, change, may }
}
