import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

/** The service's own counters (besides the platform's messaging ones), on GET /metrics. */
export const transferMetrics = {
  documents: counter('transfer_travel_documents_issued_total', 'Travel documents (return certificates) issued, by kind (issue, reissue).', [
    'kind',
  ]),
  notices: counter('transfer_notices_total', 'Transfer notices answered, by outcome (confirmed, partly-confirmed, refused).', ['outcome']),
  persons: counter('transfer_notice_persons_total', 'Persons of notices, by verdict and refusal code.', ['verdict', 'code']),
  handovers: counter('transfer_handover_persons_total', 'Persons recorded at the border, by outcome (arrived, not-arrived).', ['outcome']),
  completed: counter('transfer_transfers_completed_total', 'Transfers closed at the border.'),
  alerts: counter('transfer_time_limit_alerts_total', 'Transfer time-limit alerts, by days before the limit.', ['days_before']),
  expired: counter('transfer_time_limits_expired_total', 'Accepted cases whose transfer time limit passed without a transfer.'),
  extensions: counter('transfer_time_limit_extensions_total', 'Transfer time limits extended for legal or practical obstacles.'),
  transitDecisions: counter(
    'transfer_transit_decisions_total',
    'Transit requests decided, by partner and decision (consented, refused, revoked).',
    ['partner', 'decision'],
  ),
  transitBorder: counter(
    'transfer_transit_border_events_total',
    'Transits recorded at the border, by partner and event (entered, left, not-arrived).',
    ['partner', 'event'],
  ),
  transitTimeLimits: counter(
    'transfer_transit_time_limit_events_total',
    'Transit time-limit events, by partner and event (alert, reply-overdue, consent-lapsed).',
    ['partner', 'event'],
  ),
  mistakeReturns: counter(
    'transfer_mistake_returns_total',
    'Requests for readmission by mistake, by partner and outcome (requested, accepted, refused, returned, not-returned).',
    ['partner', 'outcome'],
  ),
  costEntries: counter('transfer_cost_entries_total', 'Transport costs recorded in the ledger, by partner and reference kind.', [
    'partner',
    'kind',
  ]),
  notClosed: counter(
    'transfer_transfers_not_closed_total',
    'Confirmed transfers whose arrival day passed without being closed at the border.',
  ),
};

/** A transit's id is `<partner>:<transitReference>`. */
export function partnerOfTransit(id: string): string {
  return id.split(':')[0];
}
