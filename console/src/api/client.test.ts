import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, query, saveSession, session, whenUnauthorised } from './client'

afterEach(() => {
  vi.unstubAllGlobals()
  saveSession(null)
})

describe('the api client', () => {
  it('builds a query string without empty values', () => {
    expect(query({ a: 1, b: '', c: null, d: '中' })).toBe('?a=1&d=%E4%B8%AD')
    expect(query({})).toBe('')
  })

  it('turns the error body into an ApiError with its code', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({
      error: { code: 'outcome_mismatch', message: 'a light case allows …', details: {} },
    }), { status: 422 })))
    await expect(api.post('/cases/1/decide', {})).rejects.toMatchObject({
      status: 422, code: 'outcome_mismatch',
    })
  })

  it('sends the token and, on a 401, forgets it and says so once', async () => {
    saveSession({ token: 't0k', staffId: 's', role: 'staff' })
    const seen: string[] = []
    whenUnauthorised((reason) => seen.push(reason))
    const fetch = vi.fn(async () => new Response(JSON.stringify({
      error: { code: 'token_revoked', message: 'sign in again', details: {} },
    }), { status: 401 }))
    vi.stubGlobal('fetch', fetch)
    await expect(api.get('/me')).rejects.toBeInstanceOf(ApiError)
    expect((fetch.mock.calls[0] as unknown[])[1]).toMatchObject({ headers: { Authorization: 'Bearer t0k' } })
    expect(session()).toBeNull()
    expect(seen).toEqual(['sign in again'])
  })

  it('says a service is unavailable when the answer is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })))
    await expect(api.get('/me/todo')).rejects.toMatchObject({ status: 502, code: 'unavailable' })
  })
})
