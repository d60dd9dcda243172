import { createBrowserRouter } from 'react-router';
import { RequireSession } from './require-session';
import { NotFoundPage } from '../components/not-found-page';
import { PageLoading } from '../components/page-loading';

/** Pages by route, each loaded when first visited. */
export const router = createBrowserRouter([
  {
    path: '/sign-in',
    hydrateFallbackElement: <PageLoading />,
    lazy: async () => ({ Component: (await import('../pages/sign-in/sign-in-page')).SignInPage }),
  },
  {
    path: '/',
    element: <RequireSession />,
    // A page opened directly waits for its route's code before the first render: show that it is coming.
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        lazy: async () => ({ Component: (await import('../layout/console-layout')).ConsoleLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/my-work/my-work-page')).MyWorkPage }),
          },
          {
            path: 'towns',
            lazy: async () => ({ Component: (await import('../pages/towns/towns-page')).TownsPage }),
          },
          {
            path: 'towns/:townId',
            lazy: async () => ({ Component: (await import('../pages/town/town-page')).TownPage }),
          },
          {
            path: 'batches',
            lazy: async () => ({ Component: (await import('../pages/batches/batches-page')).BatchesPage }),
          },
          {
            path: 'batches/:batchId',
            lazy: async () => ({ Component: (await import('../pages/batch/batch-page')).BatchPage }),
          },
          {
            // ECharts comes with this route's chunk only (dashboard/echart.tsx).
            path: 'dashboard',
            lazy: async () => ({
              Component: (await import('../pages/dashboard/dashboard-page')).DashboardPage,
            }),
          },
          {
            path: 'audit/timeline',
            lazy: async () => ({
              Component: (await import('../pages/audit/audit-timeline-page')).AuditTimelinePage,
            }),
          },
          {
            path: 'audit/state',
            lazy: async () => ({
              Component: (await import('../pages/audit/audit-state-page')).AuditStatePage,
            }),
          },
          {
            path: 'audit/decisions',
            lazy: async () => ({
              Component: (await import('../pages/audit/audit-decisions-page')).AuditDecisionsPage,
            }),
          },
          {
            path: 'audit/jobs',
            lazy: async () => ({ Component: (await import('../pages/audit/audit-jobs-page')).AuditJobsPage }),
          },
          {
            path: 'audit/jobs/:jobId',
            lazy: async () => ({ Component: (await import('../pages/audit/audit-job-page')).AuditJobPage }),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
