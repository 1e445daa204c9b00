import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { ApiError } from '../api/client'

const download = vi.fn()
vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  download: (...args: unknown[]) => download(...args),
}))

const { default: ExportButton } = await import('./ExportButton.vue')

describe('导出', () => {
  it('downloads the list as it is filtered now, and shows why when it cannot', async () => {
    const filters = { status: 'recorded' }
    const wrapper = mount(ExportButton, {
      props: { list: 'violations', query: filters, filename: '违规记录.xlsx' },
      global: { plugins: [ElementPlus] },
    })
    download.mockResolvedValueOnce(undefined)
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(download).toHaveBeenCalledWith('/violations', filters, '违规记录.xlsx')
    expect(wrapper.text()).not.toContain('export_too_large')

    download.mockRejectedValueOnce(new ApiError(422, 'export_too_large', '导出超过上限，请缩小时间范围'))
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('请缩小时间范围')
  })
})
