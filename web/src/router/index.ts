import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'
import { ensureSession, startPage } from '@/session/session'
import { i18n } from '@/i18n'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    roles?: Role[]
    titleKey?: string
  }
}

// Everyone but trainees: the class pages and the lecturer and site registries.
const STAFF: Role[] = ['admin', 'organizer', 'head_teacher', 'liaison', 'lecturer', 'logistics']

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true } },
  {
    path: '/invite/:token',
    name: 'invite',
    component: () => import('@/views/InviteView.vue'),
    meta: { public: true },
  },
  // The public verify page a certificate's QR opens: <public_base_url>/verify/<serial>
  // (modules/certificates prints that URL). No sign-in.
  {
    path: '/verify/:serial',
    name: 'verify',
    component: () => import('@/views/VerifyView.vue'),
    meta: { public: true, titleKey: 'verify.title' },
  },
  // 投屏签到: full screen, no admin layout.
  {
    path: '/classes/:id(\\d+)/sessions/:sid(\\d+)/projector',
    name: 'projector',
    component: () => import('@/views/ProjectorView.vue'),
    meta: { roles: ['admin', 'organizer', 'head_teacher'], titleKey: 'projector.title' },
  },
  // The phone page a projector's QR opens. Public: the page itself tells a signed-out
  // trainee how to sign in, and keeps the address to come back to.
  {
    path: '/c/:session(\\d+)/:token',
    name: 'phone-checkin',
    component: () => import('@/views/PhoneCheckinView.vue'),
    meta: { public: true, titleKey: 'phoneCheckin.title' },
  },
  // 签到机 (kiosk): full screen at the hall door, no admin layout; scans badges.
  {
    path: '/kiosk/:sid(\\d+)',
    name: 'kiosk',
    component: () => import('@/views/KioskView.vue'),
    meta: { roles: ['admin', 'organizer', 'head_teacher'], titleKey: 'kiosk.title' },
  },
  // The trainee's assessment pages on a phone (issue #12): full screen, own top bar.
  {
    path: '/t/exams/:id(\\d+)',
    name: 'trainee-exam',
    component: () => import('@/views/TraineeExamView.vue'),
    meta: { roles: ['trainee'], titleKey: 'examPhone.title' },
  },
  {
    path: '/t/classes/:id(\\d+)/reflection',
    name: 'trainee-reflection',
    component: () => import('@/views/TraineeReflectionView.vue'),
    meta: { roles: ['trainee'], titleKey: 'reflectionPhone.title' },
  },
  {
    path: '/t/evaluations/:id(\\d+)',
    name: 'trainee-evaluation',
    component: () => import('@/views/TraineeEvaluationView.vue'),
    meta: { roles: ['trainee'], titleKey: 'evaluationPhone.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AdminLayout.vue'),
    children: [
      // Sent on to the role's start page by the guard below, once the session is known.
      { path: '', name: 'root', component: () => import('@/views/HomeView.vue') },
      {
        path: 'workbench',
        name: 'workbench',
        component: () => import('@/views/WorkbenchView.vue'),
        meta: { roles: ['admin', 'organizer', 'head_teacher', 'liaison'], titleKey: 'workbench.title' },
      },
      {
        path: 'orgs',
        name: 'orgs',
        component: () => import('@/views/OrgsView.vue'),
        meta: { roles: ['admin', 'organizer', 'liaison'], titleKey: 'menu.orgs' },
      },
      {
        path: 'people',
        name: 'people',
        component: () => import('@/views/PeopleView.vue'),
        meta: { roles: ['admin', 'organizer', 'head_teacher', 'liaison'], titleKey: 'menu.people' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/UsersView.vue'),
        meta: { roles: ['admin'], titleKey: 'menu.users' },
      },
      {
        path: 'audit',
        name: 'audit',
        component: () => import('@/views/AuditView.vue'),
        meta: { roles: ['admin'], titleKey: 'menu.audit' },
      },
      {
        path: 'sessions',
        name: 'sessions',
        component: () => import('@/views/MySessionsView.vue'),
        meta: { titleKey: 'sessions.title' },
      },
      {
        path: 'login-log',
        name: 'login-log',
        component: () => import('@/views/LoginLogView.vue'),
        meta: { roles: ['admin'], titleKey: 'loginLog.title' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('@/views/SiteSettingsView.vue'),
        meta: { roles: ['admin'], titleKey: 'siteSettings.title' },
      },
      // 安全策略: the password policy and the login log retention.
      {
        path: 'security-policy',
        name: 'security-policy',
        component: () => import('@/views/SecurityPolicyView.vue'),
        meta: { roles: ['admin'], titleKey: 'securityPolicy.title' },
      },
      // 个人信息保存年限 (PIPL retention) and its preview.
      {
        path: 'privacy-retention',
        name: 'privacy-retention',
        component: () => import('@/views/PrivacyRetentionView.vue'),
        meta: { roles: ['admin'], titleKey: 'privacyRetention.title' },
      },
      {
        path: 'classes',
        name: 'classes',
        component: () => import('@/views/ClassesView.vue'),
        meta: { roles: STAFF, titleKey: 'menu.classes' },
      },
      {
        path: 'classes/:id(\\d+)',
        name: 'class',
        component: () => import('@/views/ClassDetailView.vue'),
        meta: { roles: STAFF, titleKey: 'menu.classes' },
      },
      {
        path: 'question-banks',
        name: 'question-banks',
        component: () => import('@/views/QuestionBankView.vue'),
        meta: { roles: ['admin', 'organizer', 'head_teacher'], titleKey: 'assessment.menu.bank' },
      },
      {
        path: 'lecturers',
        name: 'lecturers',
        component: () => import('@/views/LecturersView.vue'),
        meta: { roles: STAFF, titleKey: 'menu.lecturers' },
      },
      {
        path: 'sites',
        name: 'sites',
        component: () => import('@/views/SitesView.vue'),
        meta: { roles: STAFF, titleKey: 'menu.sites' },
      },
      // The trainee's home: today, 我的考勤, the timetable, 请假 (phone first).
      {
        path: 't',
        name: 'trainee-home',
        component: () => import('@/views/TraineeHomeView.vue'),
        meta: { roles: ['trainee'], titleKey: 'traineeHome.title' },
      },
      // 我的证书 (phone first): the trainee's own certificates, PDF and Open Badge.
      {
        path: 't/certificates',
        name: 'my-certificates',
        component: () => import('@/views/MyCertificatesView.vue'),
        meta: { roles: ['trainee'], titleKey: 'myCerts.title' },
      },
      // 校外学时: bulk import (admin, organizers, liaisons) and approval (admin, organizers).
      {
        path: 'outside-hours',
        name: 'outside-hours',
        component: () => import('@/views/OutsideHoursView.vue'),
        meta: { roles: ['admin', 'organizer', 'liaison'], titleKey: 'outsideHours.title' },
      },
      {
        path: 'my-lectures',
        name: 'my-lectures',
        component: () => import('@/views/LecturerEvaluationsView.vue'),
        meta: { roles: ['lecturer'], titleKey: 'lecturerEval.title' },
      },
      {
        path: 'people/:id(\\d+)/record',
        name: 'person-record',
        component: () => import('@/views/RecordView.vue'),
        meta: { roles: ['admin', 'organizer', 'head_teacher', 'liaison'], titleKey: 'records.title' },
      },
      {
        path: 'my-record',
        name: 'my-record',
        component: () => import('@/views/RecordView.vue'),
        meta: { titleKey: 'records.myRecord' },
      },
      {
        path: 'ledger',
        name: 'ledger',
        component: () => import('@/views/LedgerView.vue'),
        meta: { roles: ['admin', 'organizer', 'liaison'], titleKey: 'records.menu' },
      },
      { path: 'me', name: 'me', component: () => import('@/views/MyInfoView.vue'), meta: { titleKey: 'menu.me' } },
      { path: 'home', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { titleKey: 'menu.home' } },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/NotFoundView.vue'),
      },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const user = await ensureSession()
  if (!user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.name === 'root') return startPage(user)
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return startPage(user)
  return true
})

function pageTitle(key: string | undefined): string {
  const app = i18n.global.t('app.name')
  return key ? `${i18n.global.t(key)} - ${app}` : app
}

router.afterEach((to) => {
  document.title = pageTitle(to.meta.titleKey)
})

// Switching the language retitles the open page.
export function retitle(): void {
  document.title = pageTitle(router.currentRoute.value.meta.titleKey)
}
