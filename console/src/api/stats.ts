// 统计分析 and the lists exported as workbooks (导出).
import { api, download, query } from './client'
import { lister, type Params, type Schema } from './records'

export const overview = (params: Params) => api.get<Schema<'stats.OverviewOut'>>('/stats/overview' + query(params))
export type CommitmentRow = Schema<'inquiries.CommitmentReportRow'>
export const commitmentsReport = lister<CommitmentRow>('/reports/commitments')

/** Lists that export every matching row as an Excel workbook (`?format=xlsx`). */
const EXPORTABLE = {
  violations: '/violations', appraisals: '/appraisals', commitments: '/reports/commitments', audit: '/audit',
} as const
export type Exportable = keyof typeof EXPORTABLE
export const exportList = (list: Exportable, params: Params, filename: string) =>
  download(EXPORTABLE[list], params, filename)
