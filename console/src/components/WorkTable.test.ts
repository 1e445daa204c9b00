import { afterEach, describe, expect, it, vi } from 'vitest'
import { h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import WorkTable, { type Column } from './WorkTable.vue'

afterEach(() => vi.unstubAllGlobals())

/** A window ``narrow`` wide (the console's one breakpoint); ``turn`` changes it as a phone does. */
function windowOf(narrow: boolean) {
  const listeners: ((event: { matches: boolean }) => void)[] = []
  const query = { matches: narrow, addEventListener: (_: string, f: never) => listeners.push(f),
    removeEventListener: vi.fn() }
  vi.stubGlobal('matchMedia', vi.fn(() => query))
  return { turn: (now: boolean) => { query.matches = now; listeners.forEach((f) => f({ matches: now })) } }
}

interface Notice { id: string; reason: string; staff: string; due: string }
const COLUMNS: Column[] = [
  { key: 'staff', label: '人员', width: 100 },
  { key: 'reason', label: '事由', title: true },
  { key: 'due', label: '到岗' },
  { key: 'actions', label: '', width: 150 },
]
const ROWS: Notice[] = [
  { id: 'n1', reason: '到省政府开会', staff: '张明', due: '11:00' },
  { id: 'n2', reason: '到财政厅会商', staff: '李华', due: '15:30' },
]

async function mountList(rows: Notice[] = ROWS) {
  const wrapper = mount(WorkTable<Notice>, {
    props: { rows, columns: COLUMNS, emptyText: '没有待审批的告示' },
    slots: {
      reason: ({ row }: { row: Notice }) => h('a', { class: 'open', href: `/n/${row.id}` }, row.reason),
      actions: ({ row }: { row: Notice }) => h('button', { class: 'approve' }, `批准${row.staff}`),
    },
    global: { plugins: [ElementPlus] },
  })
  await flushPromises()
  return wrapper
}

describe('a list of work', () => {
  it('is a table on a desk: a column per field, the row buttons in their own column', async () => {
    windowOf(false)
    const wrapper = await mountList()
    expect(wrapper.find('.work-card').exists()).toBe(false)
    const headers = wrapper.findAll('th').map((th) => th.text())
    expect(headers.slice(0, 3)).toEqual(['人员', '事由', '到岗'])
    const first = wrapper.findAll('tbody tr')[0]
    expect(first.findAll('td').map((td) => td.text())).toEqual(['张明', '到省政府开会', '11:00', '批准张明'])
    expect(first.find('a.open').attributes('href')).toBe('/n/n1')
  })

  it('is a card per row on a phone: the title as its heading, each field labelled, the buttons at its foot', async () => {
    windowOf(true)
    const wrapper = await mountList()
    expect(wrapper.find('table').exists()).toBe(false)
    const cards = wrapper.findAll('.work-card')
    expect(cards).toHaveLength(2)
    expect(cards[1].find('.title a.open').text()).toBe('到财政厅会商')
    expect(cards[1].findAll('dt').map((dt) => dt.text())).toEqual(['人员', '到岗'])
    expect(cards[1].findAll('dd').map((dd) => dd.text())).toEqual(['李华', '15:30'])
    expect(cards[1].find('.buttons button.approve').text()).toBe('批准李华')
  })

  it('turns from a table into cards when the window narrows, and back', async () => {
    const screen = windowOf(false)
    const wrapper = await mountList()
    screen.turn(true)
    await nextTick()
    expect(wrapper.findAll('.work-card')).toHaveLength(2)
    screen.turn(false)
    await flushPromises()
    expect(wrapper.find('.work-card').exists()).toBe(false)
    expect(wrapper.find('table').exists()).toBe(true)
  })

  it('says there is nothing to do on a phone as on a desk', async () => {
    windowOf(true)
    expect((await mountList([])).find('.empty').text()).toBe('没有待审批的告示')
    windowOf(false)
    expect((await mountList([])).text()).toContain('没有待审批的告示')
  })
})
