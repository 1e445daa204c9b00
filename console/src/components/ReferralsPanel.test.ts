import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ReferralsPanel from './ReferralsPanel.vue'
import type { Referral } from '../api/applications'

afterEach(() => vi.unstubAllGlobals())

function referral(id: string, actions: string[], answer: string | null = null): Referral {
  return { id, application_id: 'a1', division_id: null, external_unit: '省民政厅', question: `问题${id}`,
    referred_at: '2026-11-20T09:00:00+08:00', referred_by: 's1',
    status: answer ? 'answered' : 'open', due_date: '2026-11-30', answer,
    answered_by: null, answered_at: null, actions }
}

async function mountPanel(referrals: Referral[], canRefer: boolean) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [], total: 0 }))))
  const wrapper = mount(ReferralsPanel, {
    props: { applicationId: 'app', referrals, canRefer }, global: { plugins: [ElementPlus] } })
  await flushPromises()
  return wrapper
}

describe('referrals of an application', () => {
  it('offers an answer only where the server lists it, and a new referral only with refer', async () => {
    const wrapper = await mountPanel([referral('1', ['answer']), referral('2', [], '不需要')], false)
    expect(wrapper.findAll('input[name=referral-answer]')).toHaveLength(1)
    expect(wrapper.text()).toContain('答复：不需要')
    expect(wrapper.find('textarea[name=referral-question]').exists()).toBe(false)
  })

  it('shows nothing when there is nothing to read or do', async () => {
    const wrapper = await mountPanel([], false)
    expect(wrapper.find('[data-test=referrals]').exists()).toBe(false)
  })
})
