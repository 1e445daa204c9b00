import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'

const get = vi.fn()
const download = vi.fn()
let role = 'leader'
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  api: { get: (path: string) => get(path) },
  download: (...args: unknown[]) => download(...args),
  session: () => ({ token: 't', staffId: 'someone', role }),
}))
// jsdom has no canvas: the chart is stood in for by an element carrying its series' names
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup: (props) => () => h('div', { class: 'drawn' },
      (props.option.series as { name: string }[]).map((s) => s.name).join(',')),
  }),
}))

const { default: Stats } = await import('./Stats.vue')
const { fetchMe } = await import('../composables')
const { ApiError } = await import('../api/client')

const counts = (documents: number[], absences: number[]) => ({
  documents: { assigned: documents[0], completed_on_time: documents[1], completed_late: documents[2], overdue_open: documents[3] },
  absences: { notices: absences[0], leave_requests: absences[1], late_returns: absences[2], unauthorised: absences[3] },
})
const OVERVIEW = {
  ...counts([9, 5, 2, 1], [7, 3, 1, 1]),
  inquiries: { recorded: 4, lapsed: 1 },
  applications: { accepted: 6, completed_on_time: 4, completed_late: 1, overdue_open: 0 },
  complaints: { received: 3, substantiated: 2, by_category: { shirking: 2, graft: 1 } },
  violations: { by_kind: { overdue: 3, late_return: 1 } },
  cases: { by_severity: { light: 2, serious: 1 } },
  monthly: [{ month: '2027-01', ...counts([4, 3, 1, 0], [5, 2, 1, 0]) }, { month: '2027-02', ...counts([5, 2, 1, 1], [2, 1, 0, 1]) }],
  by_division: [{ division_id: 'd1', ...counts([6, 4, 1, 0], [4, 2, 1, 0]) }, { division_id: 'd2', ...counts([3, 1, 1, 1], [3, 1, 0, 1]) }],
}
const DIVISIONS = { items: [{ id: 'd1', name: '综合处' }, { id: 'd2', name: '编制处' }], total: 2 }

/** The page at ``url`` for someone holding the head powers of ``heads``; ``overview`` answers
 *  the statistics. */
async function open(url: string, heads: string[] = [], overview = async () => OVERVIEW as unknown) {
  get.mockReset().mockImplementation(async (path: string) => {
    if (path === '/divisions?limit=500') return DIVISIONS
    // what the server says a leader (every division) or a head (their own) may read
    if (path === '/me') {
      return { id: 'someone', acting_for: [], heads, may: ['read_statistics'],
               divisions: { read_statistics: role === 'leader' ? 'all' : heads } }
    }
    if (path.startsWith('/stats/overview')) return overview()
    throw new Error(`unexpected ${path}`)
  })
  await fetchMe(true) // the page reads the caller's record once per page load: this one's
  get.mockClear()
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/stats', component: Stats }] })
  await router.push(url)
  const wrapper = mount(Stats, { global: { plugins: [ElementPlus, router] } })
  await flushPromises()
  return { wrapper, router }
}

const asked = () => get.mock.calls.map(([path]) => path).filter((p) => p.startsWith('/stats/overview'))
const cells = (wrapper: ReturnType<typeof mount>, key: string) =>
  wrapper.find(`[data-test=${key}]`).findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))

describe('统计分析', () => {
  beforeEach(() => { role = 'leader' })

  it('asks for the period and division of the link and shows each chart’s numbers in its table', async () => {
    const { wrapper } = await open('/stats?from=2027-01-01&to=2027-02-28&division_id=d1')
    expect(asked()).toEqual(['/stats/overview?from=2027-01-01&to=2027-02-28&division_id=d1'])
    expect(cells(wrapper, 'documents-monthly')).toEqual([['2027-01', '4', '3', '1', '0'], ['2027-02', '5', '2', '1', '1']])
    expect(cells(wrapper, 'documents-divisions')).toEqual([['综合处', '6', '4', '1', '0'], ['编制处', '3', '1', '1', '1']])
    expect(cells(wrapper, 'absences')[1]).toEqual(['2027-02', '2', '1', '0', '1'])
    expect(cells(wrapper, 'complaints')).toContainEqual(['推诿扯皮', '2'])
    expect(cells(wrapper, 'complaints')).toContainEqual(['吃拿卡要', '1'])
    expect(cells(wrapper, 'violations')).toContainEqual(['超时办理', '3'])
    expect(cells(wrapper, 'violations')).toContainEqual(['逾时归岗', '1'])
    expect(cells(wrapper, 'cases')).toEqual([['情节较轻', '2'], ['情节严重', '1']])
    expect(wrapper.find('[data-test=totals]').text()).toContain('超期未办结1')
    const chart = wrapper.find('[data-test=documents-monthly] [role=img]')
    expect(chart.attributes('aria-label')).toContain('公文办理时效（按月）')
    expect(chart.text()).toBe('按时办结,超时办结,超期未办结')
  })

  it('opens on this year up to today, for all divisions, for a leader', async () => {
    await open('/stats')
    const year = new Date().getFullYear()
    expect(asked()[0]).toMatch(new RegExp(`^/stats/overview\\?from=${year}-01-01&to=${year}-\\d\\d-\\d\\d$`))
  })

  it('puts a chosen division into the link and asks again', async () => {
    const { wrapper, router } = await open('/stats?from=2027-01-01&to=2027-02-28')
    const vm = wrapper.findComponent({ name: 'ElSelect' })
    vm.vm.$emit('update:modelValue', 'd2')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ from: '2027-01-01', to: '2027-02-28', division_id: 'd2' })
    expect(asked().at(-1)).toBe('/stats/overview?from=2027-01-01&to=2027-02-28&division_id=d2')
  })

  it('gives a head their own division, fixed', async () => {
    role = 'division_head'
    const { wrapper } = await open('/stats?from=2027-01-01&to=2027-02-28', ['d2'])
    expect(asked()).toEqual(['/stats/overview?from=2027-01-01&to=2027-02-28&division_id=d2'])
    const select = wrapper.findComponent({ name: 'ElSelect' })
    expect(select.props('disabled')).toBe(true)
    expect(select.text()).toContain('编制处')
  })

  it('exports the division’s appraisals of the period’s year and the violations within the period', async () => {
    const { wrapper } = await open('/stats?from=2027-01-01&to=2027-02-28&division_id=d1')
    const button = (text: string) => wrapper.findAll('button').find((b) => b.text() === text)!
    await button('导出年度考核').trigger('click')
    await button('导出违规记录').trigger('click')
    expect(download.mock.calls).toEqual([
      ['/appraisals', { year: '2027', division_id: 'd1' }, '年度考核-2027-综合处.xlsx'],
      ['/violations', { from: '2027-01-01T00:00:00+08:00', to: '2027-03-01T00:00:00+08:00', division_id: 'd1' },
        '违规记录-2027-01-01至2027-02-28-综合处.xlsx'],
    ])
  })

  it('shows the refusal of a period the statistics do not cover', async () => {
    const refusal = new ApiError(422, 'validation_error', '统计期间不得超过三年')
    const { wrapper } = await open('/stats?from=2020-01-01&to=2027-01-01', [], async () => { throw refusal })
    expect(wrapper.find('.el-alert').text()).toContain('统计期间不得超过三年')
    expect(wrapper.find('[data-test=documents-monthly]').exists()).toBe(false)
  })
})
