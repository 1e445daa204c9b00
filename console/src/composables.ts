// What pages share: running an action with its error kept for the form, paged lists, and whether
// the window is a phone's (the narrow layout).
import { getCurrentScope, onScopeDispose, reactive, ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError, type Page } from './api/client'
import { me, staff, type Me as MeOut, type Staff } from './api/organisation'

/** The caller's record (GET /me). ``may``: what the server lets them start or read beyond one
 *  record; ``divisions``: where (the schema types it as any object, so it is said here). */
export type Me = Omit<MeOut, 'divisions'> & { divisions: Record<string, 'all' | string[]> }

/** Whether the server lets ``me`` do ``verb`` (GET /me's ``may``); no verb: anyone. */
export function allows(me: Me | null | undefined, verb?: string): boolean {
  return !verb || !!me?.may.includes(verb)
}

/** Whether ``verb`` reaches every division for ``me`` (``divisions[verb]`` is ``all``). */
export function everywhere(me: Me | null | undefined, verb: string): boolean {
  return allows(me, verb) && me?.divisions[verb] === 'all'
}

/** Whether ``verb`` reaches the division ``id`` for ``me``. */
export function reaches(me: Me | null | undefined, verb: string, id?: string | null): boolean {
  const reach = allows(me, verb) ? me?.divisions[verb] : []
  return reach === 'all' || (!!id && !!reach?.includes(id))
}

/** The ``divisions`` (records with an ``id``) where ``verb`` reaches for ``me``. */
export function reached<T extends { id: string }>(me: Me | null | undefined, verb: string,
                                                  divisions: T[]): T[] {
  return divisions.filter((d) => reaches(me, verb, d.id))
}

let mine: Promise<Me | null> | null = null

/** The caller's record with whom they act for now (``acting_for``), the divisions whose
 *  head powers they hold (``heads``), and what they may do (``may``, ``divisions``), asked
 *  once per page load. */
export function fetchMe(refresh = false): Promise<Me | null> {
  if (!mine || refresh) mine = (me() as Promise<Me>).catch(() => { mine = null; return null })
  return mine
}

// A phone, or a window as narrow: the one breakpoint of the console (style.css repeats it in
// its media query, where a stylesheet cannot read this constant).
export const NARROW = '(max-width: 768px)'

/** Whether the window is narrow now, kept up to date as it turns or is resized. */
export function useNarrow(): Readonly<Ref<boolean>> {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : null
  const narrow = ref(query?.matches ?? false)
  if (query) {
    const follow = (event: MediaQueryListEvent) => { narrow.value = event.matches }
    query.addEventListener('change', follow)
    if (getCurrentScope()) onScopeDispose(() => query.removeEventListener('change', follow))
  }
  return narrow
}

export function useAction() {
  const error = ref<ApiError | null>(null)
  const busy = ref(false)
  /** Runs ``action``; an API error stays on the form (its values kept), never a blank page. */
  async function run<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      const result = await action()
      if (done) ElMessage.success(done)
      return result
    } catch (exc) {
      error.value = exc instanceof ApiError ? exc : new ApiError(0, 'network', String(exc))
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { error, busy, run }
}

/** A list (a domain module's lister) read a page at a time with ``filters``. */
export function usePaged<T>(list: (params: Record<string, unknown>) => Promise<Page<T>>, filters: Record<string, unknown> = {}) {
  const state = reactive({ items: [] as T[], total: 0, page: 1, size: 20 })
  const { error, busy, run } = useAction()
  async function load() {
    const params = { ...filters, limit: state.size, offset: (state.page - 1) * state.size }
    const page = await run(() => list(params))
    if (page) Object.assign(state, { items: page.items, total: page.total })
  }
  return { state, error, busy, load }
}

const people = ref<Staff[]>([])
let asked: Promise<void> | null = null

/** Staff names for tables and pickers, asked once per tab. */
export function useStaff() {
  if (!asked) {
    asked = staff({ limit: 500 }).then((page) => {
      people.value = page.items
    }).catch(() => { asked = null })
  }
  const name = (id?: string | null) => (id ? people.value.find((p) => p.id === id)?.name ?? id : '')
  const ofDivision = (divisionId?: string | null) =>
    people.value.filter((p) => p.active && (!divisionId || p.division_id === divisionId))
  return { people, name, ofDivision }
}
