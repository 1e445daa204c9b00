import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import ElementPlus from 'element-plus'
import MaterialsReview from './MaterialsReview.vue'

const MATERIALS = [
  { code: 'A', name: '申请书', required: true },
  { code: 'B', name: '方案', required: true },
  { code: 'C', name: '说明', required: false },
]

function mountReview() {
  return mount(MaterialsReview, { props: { materials: MATERIALS }, global: { plugins: [ElementPlus] } })
}

describe('a one-time review of materials', () => {
  it('starts with everything present and complete', () => {
    const wrapper = mountReview()
    const [submitted, complete] = wrapper.emitted('change')!.at(-1) as [unknown[], boolean]
    expect(submitted).toEqual([{ code: 'A', ok: true }, { code: 'B', ok: true }, { code: 'C', ok: true }])
    expect(complete).toBe(true)
  })

  it('leaves a missing material out and a defective one with its defect, not complete', async () => {
    const wrapper = mountReview()
    const state = (wrapper.vm as unknown as { $: { setupState: { state: Record<string, { mark: string; defect: string }> } } }).$.setupState.state
    state.A.mark = 'missing'
    state.B.mark = 'defective'
    state.B.defect = '未盖章'
    await nextTick()
    const [submitted, complete] = wrapper.emitted('change')!.at(-1) as [unknown[], boolean]
    expect(submitted).toEqual([{ code: 'B', ok: false, defect: '未盖章' }, { code: 'C', ok: true }])
    expect(complete).toBe(false)
  })
})
