import { Counter, register } from 'prom-client';
import { SHIPPED_REFERRAL_BODIES } from '@readmission/agreements';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

/** The service's own counters (exposed on /metrics). */
export const reintegrationMetrics = {
  opened: counter('reintegration_cases_opened_total', 'Reintegration cases opened, by whether for an unaccompanied minor.', ['minor']),
  referrals: counter('reintegration_referrals_total', 'Referrals sent, by body.', ['body']),
  referralsOverdue: counter(
    'reintegration_referrals_overdue_total',
    'Referrals past their due date without being done or declined, by body (alerted once each).',
    ['body'],
  ),
  followUpsOverdue: counter(
    'reintegration_follow_ups_overdue_total',
    'Follow-ups not recorded by their due date, by month (alerted once each).',
    ['month'],
  ),
};

// The opened and overdue series exist from the start at 0 (per kind of case, per shipped referral body), so that the
// dashboards' increase() sees the first case or overdue referral as a step from 0, not as a new series.
for (const minor of ['true', 'false']) reintegrationMetrics.opened.inc({ minor }, 0);
for (const body of SHIPPED_REFERRAL_BODIES[0].bodies) reintegrationMetrics.referralsOverdue.inc({ body: body.code }, 0);
