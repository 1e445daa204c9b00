// A matter (办事事项) as the console edits it: a new one, or a revision (三.2, 三.3).
import type { Schema } from './api/records'

export type MatterDraft = Schema<'inquiries.MatterIn'>
export type MaterialDraft = Schema<'inquiries.MaterialIn'>

export function emptyMatter(divisionId = ''): MatterDraft {
  return { name: '', basis: '', time_limit_days: 0, procedure: '', division_id: divisionId,
    materials: [{ code: 'M1', name: '', required: true }] }
}
