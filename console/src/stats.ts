// The statistics page's charts, each with the rows of its table, built from the overview the
// gateway answers (GET /stats/overview). Only ECharts' types are imported here: the library
// itself is loaded by StatChart, on the statistics page alone.
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { Column } from './components/WorkTable.vue'
import type { Schema } from './api/records'
import { label } from './format'
import {
  ABSENCE_COUNTS, APPLICATION_COUNTS, COMPLAINT_CATEGORIES, COMPLAINT_COUNTS, DOCUMENT_COUNTS,
  INQUIRY_COUNTS, SEVERITIES, VIOLATION_KINDS,
} from './vocabulary'

type Tally = Record<string, number>

export type Overview = Schema<'stats.OverviewOut'>

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption
  | TooltipComponentOption>
export type Row = Record<string, string | number>
type Kind = { name: string; count: number }
export interface Chart { key: string; title: string; option: ChartOption; columns: Column[]; rows: Row[] }

/** On time, late and still open past the due date: green, amber, red as the signals are. */
const COLOURS: Record<string, string> = {
  completed_on_time: '#67c23a', completed_late: '#e6a23c', overdue_open: '#f56c6c',
}
const TIMELINESS = Object.keys(COLOURS)

/** ``counts`` as a table row named ``name``: every labelled count, 0 where none came. */
function row(name: string, counts: Tally | undefined, labels: Record<string, string>): Row {
  return { name, ...Object.fromEntries(Object.keys(labels).map((k) => [k, counts?.[k] ?? 0])) }
}

function columns(first: string, labels: Record<string, string>): Column[] {
  return [{ key: 'name', label: first }, ...Object.entries(labels).map(([key, text]) => ({ key, label: text }))]
}

const kinds = (first: string): Column[] => [{ key: 'name', label: first }, { key: 'count', label: '件数' }]

/** Documents on time, late and overdue, one stacked bar per row (a month or a division). */
function timeliness(rows: Row[], horizontal: boolean): ChartOption {
  const category = { type: 'category' as const, data: rows.map((r) => r.name), inverse: horizontal }
  const value = { type: 'value' as const, minInterval: 1 }
  return {
    tooltip: { trigger: 'axis' }, legend: {},
    xAxis: horizontal ? value : category, yAxis: horizontal ? category : value,
    series: TIMELINESS.map((key) => ({
      type: 'bar', stack: 'documents', name: DOCUMENT_COUNTS[key],
      data: rows.map((r) => r[key] as number), itemStyle: { color: COLOURS[key] },
    })),
  }
}

function absences(rows: Row[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'category', data: rows.map((r) => r.name) }, yAxis: { type: 'value', minInterval: 1 },
    series: Object.entries(ABSENCE_COUNTS).map(([key, name]) => ({
      type: 'line', name, data: rows.map((r) => r[key] as number),
    })),
  }
}

/** Each kind's number as a table row, the kinds ``labels`` knows first, then any other. */
function byKind(tally: Tally, labels: Record<string, string>): Kind[] {
  const keys = [...Object.keys(labels), ...Object.keys(tally).filter((k) => !(k in labels))]
  return keys.map((k) => ({ name: label(labels, k), count: tally[k] ?? 0 }))
}

function pie(name: string, rows: Kind[]): ChartOption {
  return {
    tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 },
    series: [{ type: 'pie', name, radius: ['35%', '65%'], data: rows.map((r) => ({ name: r.name, value: r.count })) }],
  }
}

function bars(name: string, rows: Kind[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [{ type: 'bar', name, data: rows.map((r) => r.count) }],
  }
}

/** The page's charts for ``overview``; ``divisionName`` names a division the overview does not. */
export function charts(overview: Overview, divisionName: (id: string) => string): Chart[] {
  const months = overview.monthly.map((m) => row(m.month, m.documents, DOCUMENT_COUNTS))
  const divisions = overview.by_division.map((d) =>
    row(d.division_name ?? divisionName(d.division_id), d.documents, DOCUMENT_COUNTS))
  const away = overview.monthly.map((m) => row(m.month, m.absences, ABSENCE_COUNTS))
  const complaints = byKind(overview.complaints.by_category, COMPLAINT_CATEGORIES)
  const violations = byKind(overview.violations.by_kind, VIOLATION_KINDS)
  const cases = byKind(overview.cases.by_severity, SEVERITIES)
  return [
    { key: 'documents-monthly', title: '公文办理时效（按月）', option: timeliness(months, false),
      columns: columns('月份', DOCUMENT_COUNTS), rows: months },
    { key: 'documents-divisions', title: '公文办理时效（按处室）', option: timeliness(divisions, true),
      columns: columns('处室', DOCUMENT_COUNTS), rows: divisions },
    { key: 'absences', title: '离岗与请假（按月）', option: absences(away),
      columns: columns('月份', ABSENCE_COUNTS), rows: away },
    { key: 'complaints', title: '投诉（按类别）', option: pie('投诉', complaints),
      columns: kinds('类别'), rows: complaints },
    { key: 'violations', title: '违规（按类别）', option: bars('违规', violations),
      columns: kinds('类别'), rows: violations },
    { key: 'cases', title: '追责案件（按情节）', option: pie('追责案件', cases),
      columns: kinds('情节'), rows: cases },
  ]
}

/** The period's totals, group by group, for the figures above the charts. */
export function totals(overview: Overview): { title: string; figures: { label: string; value: number }[] }[] {
  const group = (title: string, tally: Record<string, unknown>, labels: Record<string, string>) => ({
    title, figures: Object.entries(labels).map(([key, text]) => ({ label: text, value: Number(tally[key] ?? 0) })),
  })
  return [
    group('公文', overview.documents, DOCUMENT_COUNTS),
    group('办件', overview.applications, APPLICATION_COUNTS),
    group('首问', overview.inquiries, INQUIRY_COUNTS),
    group('离岗', overview.absences, ABSENCE_COUNTS),
    group('投诉', overview.complaints, COMPLAINT_COUNTS),
  ]
}
