import { bakuDate } from '@readmission/agreements';
import { FOLLOW_UP_MONTHS, FollowUpStatus } from './follow-up-plan';
import { OPEN_REFERRAL_STATUSES, ReferralStatus } from './referral';

/**
 * Statistics computed in the application from rows fetched from the store (a few hundred cases a year): the store
 * is not asked for medians or percentiles. Median: the middle value, or the mean of the two middle values.
 * 90th percentile: nearest rank, the value at position ceil(0.9 × n) of the sorted list. Durations in days.
 */
export interface TimelineRow {
  partnerCode?: string;
  agreement?: string;
  receivedAt?: Date;
  decision?: 'accepted' | 'refused';
  decidedAt?: Date;
  arrivedAt?: Date;
  openedAt?: Date;
}
export interface ReferralRow {
  bodyCode: string;
  status: ReferralStatus;
  dueBy: Date;
  closedAt?: Date;
}
export interface FollowUpRow {
  month: number;
  status: FollowUpStatus;
  dueBy: Date;
  score?: number;
}
export interface CaseRow {
  status: string;
  outcome?: string;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const days = (from?: Date, to?: Date) => (from && to ? (new Date(to).getTime() - new Date(from).getTime()) / 86_400_000 : undefined);

export function durationSummary(values: number[]): { count: number; medianDays: number | null; p90Days: number | null } {
  return { count: values.length, medianDays: round2(median(values)), p90Days: round2(percentile(values, 90)) };
}

export function readmissionFigures(rows: TimelineRow[]) {
  const counts = new Map<string, { partnerCode: string; agreement: string; outcome: string; year: number; count: number }>();
  for (const r of rows) {
    if (!r.receivedAt || !r.partnerCode || !r.agreement) continue; // arrived without a known registration (older data)
    const year = Number(bakuDate(new Date(r.receivedAt)).slice(0, 4));
    const outcome = r.decision ?? 'pending';
    const key = `${r.partnerCode}|${r.agreement}|${outcome}|${year}`;
    const entry = counts.get(key) ?? { partnerCode: r.partnerCode, agreement: r.agreement, outcome, year, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const byGroup = [...counts.values()].sort(
    (a, b) =>
      a.year - b.year ||
      a.partnerCode.localeCompare(b.partnerCode) ||
      a.agreement.localeCompare(b.agreement) ||
      a.outcome.localeCompare(b.outcome),
  );
  const collect = (f: (r: TimelineRow) => number | undefined) => rows.map(f).filter((d): d is number => d !== undefined && d >= 0);
  return {
    byPartnerAgreementOutcomeYear: byGroup,
    receiptToDecision: durationSummary(collect((r) => days(r.receivedAt, r.decidedAt))),
    receiptToTransfer: durationSummary(collect((r) => days(r.receivedAt, r.arrivedAt))),
    receiptToCaseOpening: durationSummary(collect((r) => days(r.receivedAt, r.openedAt))),
  };
}

/**
 * Deadline compliance per body: a referral meets its deadline when it is done or declined by its due date.
 * rate = on time / (on time + late + open past due); open referrals still within their deadline are not counted.
 */
export function referralCompliance(rows: ReferralRow[], now: Date) {
  const per = new Map<
    string,
    {
      bodyCode: string;
      total: number;
      onTime: number;
      late: number;
      openOverdue: number;
      openWithinDeadline: number;
      complianceRate: number | null;
    }
  >();
  for (const r of rows) {
    const e = per.get(r.bodyCode) ?? {
      bodyCode: r.bodyCode,
      total: 0,
      onTime: 0,
      late: 0,
      openOverdue: 0,
      openWithinDeadline: 0,
      complianceRate: null,
    };
    e.total += 1;
    const due = new Date(r.dueBy).getTime();
    if (OPEN_REFERRAL_STATUSES.includes(r.status)) {
      if (now.getTime() > due) e.openOverdue += 1;
      else e.openWithinDeadline += 1;
    } else if (r.closedAt && new Date(r.closedAt).getTime() <= due) e.onTime += 1;
    else e.late += 1;
    per.set(r.bodyCode, e);
  }
  for (const e of per.values()) {
    const judged = e.onTime + e.late + e.openOverdue;
    e.complianceRate = judged ? Math.round((e.onTime / judged) * 1000) / 1000 : null;
  }
  return [...per.values()].sort((a, b) => a.bodyCode.localeCompare(b.bodyCode));
}

/** Per follow-up month: recorded, overdue (still scheduled past its due date; cancelled ones, of closed cases, are left out), completion = recorded / (recorded + overdue); scores of the recorded ones. */
export function followUpFigures(rows: FollowUpRow[], now: Date) {
  return FOLLOW_UP_MONTHS.map((month) => {
    const of = rows.filter((r) => r.month === month);
    const recorded = of.filter((r) => r.status === 'recorded');
    const overdue = of.filter((r) => r.status === 'scheduled' && now.getTime() > new Date(r.dueBy).getTime()).length;
    const scores = recorded.map((r) => r.score).filter((s): s is number => typeof s === 'number');
    const denominator = recorded.length + overdue;
    return {
      month,
      scheduled: of.length,
      recorded: recorded.length,
      overdue,
      completionRate: denominator ? Math.round((recorded.length / denominator) * 1000) / 1000 : null,
      meanScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 1000) / 1000 : null,
      medianScore: median(scores),
    };
  });
}

export function caseOutcomes(rows: CaseRow[]) {
  const byStatus: Record<string, number> = {};
  const byOutcome: Record<string, number> = {};
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.status === 'closed' && r.outcome) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
  }
  return { byStatus, byOutcome };
}
