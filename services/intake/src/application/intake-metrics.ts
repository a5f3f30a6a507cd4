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
  // Azerbaijan as the requesting state (docs/operations.md#metrics-of-the-other-procedures).
  requestsSent: counter('intake_outgoing_requests_sent_total', "Azerbaijan's readmission requests sent, per partner and procedure.", [
    'partner',
    'procedure',
  ]),
  requestAnswers: counter(
    'intake_outgoing_request_answers_total',
    "Partners' answers to Azerbaijan's requests, per partner, message type and outcome (acknowledged, accepted, refused, rejected, travel-document, transfer-confirmed, transfer-refused; kept: no state change).",
    ['partner', 'type', 'outcome'],
  ),
  requestTransfers: counter(
    'intake_outgoing_request_transfers_total',
    "Azerbaijan's transfer notices and handovers, per partner and event (notified, handed-over).",
    ['partner', 'event'],
  ),
  requestTimeLimits: counter(
    'intake_outgoing_request_time_limit_events_total',
    "Time-limit events of Azerbaijan's requests, per partner and event (reply-alert, deemed-accepted, reply-overdue, transfer-alert, transfer-expired).",
    ['partner', 'event'],
  ),
};

export const APPLICATION_SUBMITTED = 'readmission.application.submitted.v1';
