import { Counter, register } from 'prom-client';
import { PARTNER_AGREEMENTS } from '@readmission/agreements';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

/** Verification's own counters (served on /metrics with the platform's). */
export const verificationMetrics = {
  decisions: counter('verification_decisions_total', 'Decisions taken, by partner, decision, basis and whether deemed.', [
    'partner',
    'decision',
    'basis',
    'deemed',
  ]),
  interviews: counter('verification_interviews_scheduled_total', 'Consular interviews scheduled.'),
  alerts: counter('verification_reply_alerts_total', 'Reply time-limit alerts raised, by partner and hours before the limit.', [
    'partner',
    'hours_before',
  ]),
  overdue: counter(
    'verification_replies_overdue_total',
    'Replies whose time limit passed without a decision (no tacit acceptance): escalated, by partner.',
    ['partner'],
  ),
  extensions: counter('verification_reply_extensions_total', 'Reply time limits extended.'),
};

// Every partner's overdue and deemed series exist from the start at 0 (the dashboards and ReplyTimeLimitOverdue's
// increase() see the first overdue reply or deemed acceptance as a step from 0, not as a new series).
for (const partner of Object.keys(PARTNER_AGREEMENTS)) {
  verificationMetrics.overdue.inc({ partner }, 0);
  verificationMetrics.decisions.inc({ partner, decision: 'accepted', basis: 'prima-facie', deemed: 'true' }, 0);
}

/** The reply-alert series of every partner and alert point at 0 from the start (the points are a setting). */
export function startReplyAlertSeries(hoursBefore: readonly number[]): void {
  for (const partner of Object.keys(PARTNER_AGREEMENTS))
    for (const hours of hoursBefore) verificationMetrics.alerts.inc({ partner, hours_before: String(hours) }, 0);
}
