// The router table: each page with what the server must let the caller do to open it
// (``may``: a verb of GET /me's ``may``); public lobby pages need none.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from '../api/client'
import { allows, fetchMe } from '../composables'

export const routes: RouteRecordRaw[] = [
  { path: '/board', component: () => import('../pages/Board.vue'), meta: { public: true } },
  { path: '/signage', component: () => import('../pages/Signage.vue'), meta: { public: true } },
  { path: '/guide', component: () => import('../pages/Guide.vue'), meta: { public: true } },
  { path: '/complaint', component: () => import('../pages/PublicComplaint.vue'), meta: { public: true } },
  { path: '/login', component: () => import('../pages/Login.vue'), meta: { public: true } },
  { path: '/', component: () => import('../pages/Todo.vue'), meta: { menu: '我的待办' } },
  { path: '/documents', component: () => import('../pages/Documents.vue'), meta: { menu: '办文限时' } },
  { path: '/documents/outgoing/:id', component: () => import('../pages/OutgoingDetail.vue') },
  { path: '/documents/:id', component: () => import('../pages/DocumentDetail.vue') },
  { path: '/absences', component: () => import('../pages/Absences.vue'), meta: { menu: '离岗告示' } },
  { path: '/absences/:kind/:id', component: () => import('../pages/AbsenceDetail.vue') },
  { path: '/inquiries', component: () => import('../pages/Inquiries.vue'), meta: { menu: '首问与告知' } },
  { path: '/inquiries/:id', component: () => import('../pages/InquiryDetail.vue') },
  { path: '/applications/:id', component: () => import('../pages/ApplicationDetail.vue') },
  { path: '/matters', component: () => import('../pages/Matters.vue'), meta: { menu: '办事事项' } },
  {
    path: '/complaints', component: () => import('../pages/Complaints.vue'),
    meta: { menu: '投诉核查', may: 'read_complaints' },
  },
  {
    path: '/complaints/:id', component: () => import('../pages/ComplaintDetail.vue'),
    meta: { may: 'read_complaints' },
  },
  {
    path: '/duty-checks', component: () => import('../pages/DutyChecks.vue'),
    meta: { menu: '在岗检查', may: 'check_duty' },
  },
  { path: '/violations', component: () => import('../pages/Violations.vue'), meta: { menu: '违规与申辩' } },
  { path: '/violations/:id', component: () => import('../pages/ViolationDetail.vue') },
  { path: '/cases', component: () => import('../pages/Cases.vue'), meta: { menu: '追责案件', may: 'read_cases' } },
  { path: '/cases/:id', component: () => import('../pages/CaseDetail.vue'), meta: { may: 'read_cases' } },
  { path: '/duty-reports', component: () => import('../pages/DutyReports.vue'), meta: { menu: '述职评议' } },
  { path: '/reports', component: () => import('../pages/Reports.vue'), meta: { menu: '检查与考核' } },
  {
    path: '/stats', component: () => import('../pages/Stats.vue'),
    meta: { menu: '统计分析', may: 'read_statistics' },
  },
  {
    path: '/organisation', component: () => import('../pages/Organisation.vue'),
    meta: { menu: '组织与岗位', may: 'manage_posts' },
  },
  { path: '/notifications', component: () => import('../pages/Notifications.vue') },
  { path: '/operations', component: () => import('../pages/Operations.vue'), meta: { menu: '运维', may: 'operate' } },
  { path: '/audit', component: () => import('../pages/Audit.vue'), meta: { menu: '审计记录', may: 'read_audit' } },
  { path: '/me', component: () => import('../pages/Me.vue'), meta: { menu: '个人信息' } },
  { path: '/:rest(.*)*', component: () => import('../pages/NotFound.vue'), meta: { public: true } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const current = session()
  if (!current) return { path: '/login', query: { next: to.fullPath } }
  const verb = to.meta.may as string | undefined
  return !verb || allows(await fetchMe(), verb) || { path: '/' }
})
