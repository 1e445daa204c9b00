// A matter (办事事项) as the console edits it: a new one, or a revision (三.2, 三.3).

export interface MaterialDraft { code: string; name: string; required: boolean }
export interface MatterDraft {
  name: string; basis: string; time_limit_days: number; procedure: string; division_id: string
  materials: MaterialDraft[]
}

export function emptyMatter(divisionId = ''): MatterDraft {
  return { name: '', basis: '', time_limit_days: 0, procedure: '', division_id: divisionId,
    materials: [{ code: 'M1', name: '', required: true }] }
}
