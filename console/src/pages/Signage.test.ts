import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import Signage from './Signage.vue'

const CARD = {
  post_id: 'p1', post_title: '机构编制审核岗', division: '政府机构编制处', name: '张三', title: '科员',
  phone: '0571-87000000', duties: ['审核'], special: false, vacant: false,
}

async function signage(cards: object[]) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: cards, total: cards.length }))))
  const wrapper = mount(Signage, { global: { plugins: [ElementPlus] } })
  await flushPromises()
  return wrapper
}

afterEach(() => vi.unstubAllGlobals())

describe('the post signage (五.2)', () => {
  it('lists the Bs of a post in takeover order, while nobody acts too', async () => {
    const wrapper = await signage([{ ...CARD, backups: ['李四', '王五'] }])
    expect(wrapper.find('.card .backups').text()).toBe('B岗：李四、王五')
    expect(wrapper.find('.card .acting').exists()).toBe(false)
  })

  it('says who acts now beside the Bs, and names no B on a special post', async () => {
    const wrapper = await signage([
      { ...CARD, backups: ['李四', '王五'], acting_name: '李四' },
      { ...CARD, post_id: 'p2', special: true, backups: [] },
    ])
    const [covered, special] = wrapper.findAll('.card')
    expect(covered.find('.acting').text()).toBe('现由 李四 顶岗')
    expect(special.find('.backups').exists()).toBe(false)
  })
})
