import { Counter, register } from 'prom-client';

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
