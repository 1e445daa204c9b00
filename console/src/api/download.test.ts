import { afterEach, describe, expect, it, vi } from 'vitest'
import { download, saveSession } from './client'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  saveSession(null)
})

function clicks() {
  const seen: { href: string; download: string; attached: boolean }[] = []
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    seen.push({ href: this.href, download: this.download, attached: document.body.contains(this) })
  })
  return seen
}

describe('导出 (download)', () => {
  it('fetches the workbook with the token and the list’s filters, and saves it by name', async () => {
    saveSession({ token: 't0k', staffId: 's', role: 'leader' })
    const fetch = vi.fn(async () => new Response(new Uint8Array([0x50, 0x4b]), { headers: { 'Content-Type': XLSX } }))
    vi.stubGlobal('fetch', fetch)
    const made = vi.fn(() => 'blob:workbook')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: made, revokeObjectURL: vi.fn() }))
    const seen = clicks()

    await download('/violations', { status: 'recorded', staff_id: '' }, '违规记录.xlsx')

    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/violations?status=recorded&format=xlsx')
    expect(init.headers).toMatchObject({ Authorization: 'Bearer t0k' })
    expect((made.mock.calls[0] as unknown as [Blob])[0]).toMatchObject({ size: 2, type: XLSX })
    expect(seen).toEqual([{ href: 'blob:workbook', download: '违规记录.xlsx', attached: true }])
    expect(document.querySelector('a[download]')).toBeNull()  // the link is gone again
  })

  it('saves nothing and throws the server’s reason when the list is too long', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({
      error: { code: 'export_too_large', message: 'narrow the period', details: { rows: 60001 } },
    }), { status: 422 })))
    const seen = clicks()
    await expect(download('/audit', {}, '审计记录.xlsx')).rejects.toMatchObject({
      status: 422, code: 'export_too_large',
    })
    expect(seen).toEqual([])
  })
})
