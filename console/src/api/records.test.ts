import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'

const get = vi.fn()
const post = vi.fn()
vi.mock('./client', async (original) => ({
  ...(await original<typeof import('./client')>()),
  api: { get: (path: string) => get(path), post: (path: string, body: unknown) => post(path, body) },
}))

const { ApiError } = await import('./client')
const { records, useRecord } = await import('./records')

interface Doc { id: string; status: string; actions: string[] }
const documents = records<Doc>('/documents', { approve_return: 'return/approve' })

/** A page holding the record ``id``, and what its setup was given. */
async function page(id = 'd1') {
  let held!: ReturnType<typeof useRecord<Doc>>
  mount(defineComponent({ setup() { held = useRecord(documents, id); return () => h('div') } }))
  await flushPromises()
  return held
}

describe('useRecord', () => {
  beforeEach(() => {
    get.mockReset().mockResolvedValueOnce({ id: 'd1', status: 'return_requested', actions: ['approve_return'] })
      .mockResolvedValueOnce({ id: 'd1', status: 'returned', actions: [] })
    post.mockReset().mockResolvedValue({ id: 'd1' })
  })

  it('reads the record and may do what its actions list, nothing else', async () => {
    const held = await page()
    expect(get).toHaveBeenCalledWith('/documents/d1')
    expect(held.may('approve_return')).toBe(true)
    expect(held.may('assign')).toBe(false)
  })

  it('posts a verb to its route, then reads the record again', async () => {
    const held = await page()
    await held.act('approve_return', { note: null })
    expect(post).toHaveBeenCalledWith('/documents/d1/return/approve', { note: null })
    expect(held.record.value?.status).toBe('returned')
    expect(held.may('approve_return')).toBe(false)
  })

  it('keeps a refusal for the form and the record as it was', async () => {
    post.mockRejectedValueOnce(new ApiError(409, 'invalid_state', '已处理'))
    const held = await page()
    await held.act('assign', { assignee_id: 's1' })
    expect(post).toHaveBeenCalledWith('/documents/d1/assign', { assignee_id: 's1' })
    expect(held.error.value?.code).toBe('invalid_state')
    expect(get).toHaveBeenCalledTimes(1)
    expect(held.record.value?.status).toBe('return_requested')
  })
})
