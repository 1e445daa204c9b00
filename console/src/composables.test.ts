import { describe, expect, it } from 'vitest'
import { allows, everywhere, reached, type Me } from './composables'

const me = (may: string[], divisions: Me['divisions'] = {}) =>
  ({ may, divisions } as unknown as Me)
const offices = [{ id: 'a' }, { id: 'b' }]

describe('what the server lets the caller do (GET /me)', () => {
  it('allows a verb only when /me lists it; a page with none is anyone\'s', () => {
    expect(allows(me(['record_violation']), 'record_violation')).toBe(true)
    expect(allows(me([]), 'record_violation')).toBe(false)
    expect(allows(null, 'record_violation')).toBe(false)
    expect(allows(null, undefined)).toBe(true)
  })
  it('reaches the divisions /me names, or every one', () => {
    expect(reached(me(['publish_matter'], { publish_matter: ['b'] }), 'publish_matter', offices))
      .toEqual([{ id: 'b' }])
    expect(reached(me(['publish_matter'], { publish_matter: 'all' }), 'publish_matter', offices))
      .toEqual(offices)
    expect(everywhere(me(['publish_matter'], { publish_matter: 'all' }), 'publish_matter')).toBe(true)
    expect(everywhere(me(['publish_matter'], { publish_matter: ['a'] }), 'publish_matter')).toBe(false)
    // a verb /me does not list reaches nowhere, whatever the divisions say
    expect(reached(me([], { publish_matter: 'all' }), 'publish_matter', offices)).toEqual([])
  })
})
