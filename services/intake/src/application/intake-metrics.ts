import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

/** Intake's own counters (served on /metrics with the platform's), for the business dashboard. */
export const intakeMetrics = {
  received: counter('intake_applications_received_total', 'Applications received (first delivery of each partner message), per partner.', [
    'partner',
  ]),
  acknowledged: counter('intake_applications_acknowledged_total', 'Applications acknowledged (a case registered), per partner.', [
    'partner',
  ]),
  rejected: counter('intake_applications_rejected_total', 'Applications rejected, per partner and code of the first reason.', [
    'partner',
    'code',
  ]),
};

export const APPLICATION_SUBMITTED = 'readmission.application.submitted.v1';
