import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const get = vi.fn()
const post = vi.fn()
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { get: (path: string) => get(path), post: (path: string, body: unknown) => post(path, body) },
  session: () => ({ token: 't', staffId: 'root', role: 'admin' }),
}))

const { default: Operations } = await import('./Operations.vue')

const STATUS = {
  services: [
    { name: 'posts', ready: true, instances: [{ id: 'host:1', metrics_url: null, ready: true }], outbox_unpublished: 0, outbox_oldest_seconds: 0, parked: 0, consumers: 1 },
    { name: 'documents', ready: false, instances: [], outbox_unpublished: null, outbox_oldest_seconds: null, parked: 1, consumers: 0 },
  ],
  broker: { available: false, url: 'http://mq:15672', reason: 'no monitoring account' },
  parked: 1,
  missing: ['documents'],
}
const PARKED = {
  items: [{ id: 'p1', service: 'documents', queue: 'rpc-documents', reason: 'unverified_sender: guest', parked_at: '2027-01-06T01:55:00Z', body: '{"args": []}' }],
  total: 1,
}
const ANSWERS: Record<string, unknown> = { '/admin/status': STATUS, '/admin/parked?limit=20&offset=0': PARKED }

async function mountPage() {
  const wrapper = mount(Operations, { global: { plugins: [ElementPlus] } })
  await flushPromises()
  return wrapper
}

describe('运维', () => {
  beforeEach(() => {
    get.mockReset().mockImplementation(async (path: string) => ANSWERS[path])
    post.mockReset().mockResolvedValue({ id: 'p1', queue: 'rpc-documents', replayed: true })
  })

  it('shows each service, who did not answer, why the broker’s view is missing and what is parked', async () => {
    const wrapper = await mountPage()
    const services = wrapper.find('[data-test=services]').text()
    expect(services).toContain('posts')
    expect(services).toContain('未就绪')
    expect(wrapper.text()).toContain('未应答的服务：documents')
    expect(wrapper.find('[data-test=broker]').text()).toContain('no monitoring account')
    expect(wrapper.find('[data-test=parked]').text()).toContain('unverified_sender: guest')
    wrapper.unmount()
  })

  it('replays a parked message and reads the list again', async () => {
    const wrapper = await mountPage()
    await wrapper.find('[data-test=replay]').trigger('click')
    await flushPromises()
    expect(post).toHaveBeenCalledWith('/admin/parked/p1/replay', undefined)
    expect(get.mock.calls.filter(([path]) => path.startsWith('/admin/parked')).length).toBe(2)
    wrapper.unmount()
  })
})
