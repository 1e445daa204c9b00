import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

const get = vi.fn()
const post = vi.fn()
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { get: (path: string) => get(path), post: (path: string, body: unknown) => post(path, body) },
  session: () => ({ token: 't', staffId: 'head', role: 'division_head' }),
}))

const { default: DutyChecks } = await import('./DutyChecks.vue')

const CHECK = {
  id: 'c1', division_id: 'd1', checked_at: '2027-01-06T01:55:00Z', checked_by: 'head',
  checked_for: null, note: '上午在岗检查',
  absent: [{ staff_id: 'a', excused: true, absence_id: 'n1' }, { staff_id: 'b', excused: false, absence_id: null }],
}
const ANSWERS: Record<string, unknown> = {
  '/divisions?limit=500': { items: [{ id: 'd1', name: '综合处', leader_id: 'boss' }, { id: 'd2', name: '编制处', leader_id: 'boss' }], total: 2 },
  '/me': { id: 'head', heads: ['d1'], acting_for: [], may: ['check_duty'], divisions: { check_duty: ['d1'] } },
  '/staff?limit=500': {
    items: [
      { id: 'head', name: '处长', division_id: 'd1', role: 'division_head', active: true },
      { id: 'a', name: '张三', division_id: 'd1', role: 'staff', active: true },
      { id: 'b', name: '李四', division_id: 'd1', role: 'staff', active: true },
      { id: 'x', name: '王五', division_id: 'd2', role: 'staff', active: true },
    ],
    total: 4,
  },
  '/duty-checks?division_id=d1&limit=20&offset=0': { items: [CHECK], total: 1 },
}

async function mountPage() {
  const wrapper = mount(DutyChecks, { global: { plugins: [ElementPlus] } })
  await flushPromises()
  return wrapper
}

describe('在岗检查', () => {
  beforeEach(() => {
    get.mockReset().mockImplementation(async (path: string) => ANSWERS[path])
    post.mockReset().mockResolvedValue(CHECK)
  })

  it('offers the head their own division’s people, not themselves, and shows who was excused', async () => {
    const wrapper = await mountPage()
    const names = wrapper.findAll('[data-test=absent] .el-checkbox').map((c) => c.text())
    expect(names).toEqual(['张三', '李四'])
    const tags = wrapper.findAll('[data-test=absentee]').map((t) => t.text())
    expect(tags).toEqual(['张三：已履行离岗手续', '李四：擅自离岗'])
  })

  it('submits the people found away with the office time of the check', async () => {
    const wrapper = await mountPage()
    await wrapper.findAll('[data-test=absent] input')[1].setValue(true)
    const picker = wrapper.vm as unknown as { $: { setupState: { form: { checked_at: string } } } }
    picker.$.setupState.form.checked_at = '2027-01-06T09:55'
    await wrapper.find('[data-test=submit]').trigger('click')
    await flushPromises()
    expect(post).toHaveBeenCalledWith('/duty-checks', {
      division_id: 'd1', checked_at: '2027-01-06T09:55:00+08:00', absent_ids: ['b'], note: null,
    })
  })
})
