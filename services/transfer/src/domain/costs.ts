import { CostBearer } from '@readmission/agreements';
import { InvalidInputError } from '@readmission/errors';

/**
 * The cost ledger's rules (docs/rules.md#transport-costs): each entry is a transport cost of one procedure, named by
 * its reference kind and reference, borne by the requesting state up to the border of the state of final destination
 * (the model clause: CH-AZ Art. 13, text not read), unless an officer records a departure with a reason.
 *
 * Reference kinds (each with its resolver in application/cost-references.ts):
 * - `readmission`: a partner's transfer to Azerbaijan, reference `<partner>:<transferReference>`;
 * - `transit`: a partner's transit through Azerbaijan, reference `<partner>:<transitReference>`;
 * - `outgoing-transfer`: Azerbaijan's transfer of a person a partner agreed to readmit (Azerbaijan requested it),
 *   reference `<partner>:<transferReference>` (`AZT-…`);
 * - `mistake-return`: the return of a person readmitted by mistake, reference the case number (the partner requested
 *   the readmission that is undone: docs/rules.md#transport-costs).
 */
export const COST_REFERENCE_KINDS = ['readmission', 'transit', 'outgoing-transfer', 'mistake-return'] as const;
export type CostReferenceKind = (typeof COST_REFERENCE_KINDS)[number];

/** Amounts are decimal strings with at most two decimals, kept as whole minor units (cents) so that sums are exact. */
export const AMOUNT = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

export function toMinorUnits(amount: string): number {
  if (!AMOUNT.test(amount))
    throw new InvalidInputError('an amount like 1234.50', [{ path: 'amount', message: 'a decimal amount, at most 2 decimals' }]);
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function fromMinorUnits(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** What a reference stands for, as the ledger needs it: whose procedure it is and when it took place. */
export interface CostReference {
  kind: CostReferenceKind;
  reference: string;
  /** The partner state of the procedure (ISO 3166-1 alpha-2). */
  partnerCode: string;
  /** The state that asked for the procedure: it bears the transport costs under the model clause. */
  requestingState: string;
  /** The other state. */
  requestedState: string;
}

/** The state that bears a cost: by the rule, or the other one where the officer records a departure (with a reason). */
export function bearingState(reference: CostReference, bearer: CostBearer): string {
  return bearer === 'requesting-state' ? reference.requestingState : reference.requestedState;
}

export interface CostEntryFigures {
  referenceKind: CostReferenceKind;
  partnerCode: string;
  year: number;
  currency: string;
  bearer: CostBearer;
  amountMinor: number;
  repaidOn?: string;
  invoice?: { issuedOn: string };
}

export interface CostStatisticsRow {
  partner: string;
  year: number;
  currency: string;
  entries: number;
  /** Sum of every entry, in the currency (amounts in different currencies are never added together). */
  total: string;
  borneByRequestingState: string;
  borneByRequestedState: string;
  /** Of the invoiced entries: repaid, and still to repay. */
  invoiced: string;
  repaid: string;
  outstanding: string;
  /** The total per reference kind (the procedures the costs belong to), only the kinds with entries. */
  byKind: Partial<Record<CostReferenceKind, string>>;
}

/** Costs per partner, year and currency, in the order partner, year, currency. */
export function costStatistics(entries: CostEntryFigures[]): CostStatisticsRow[] {
  const rows = new Map<
    string,
    { partner: string; year: number; currency: string; n: number; sums: Record<string, number>; kinds: Map<CostReferenceKind, number> }
  >();
  for (const e of entries) {
    const key = `${e.partnerCode}|${e.year}|${e.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        partner: e.partnerCode,
        year: e.year,
        currency: e.currency,
        n: 0,
        sums: { total: 0, requesting: 0, requested: 0, invoiced: 0, repaid: 0 },
        kinds: new Map(),
      };
      rows.set(key, row);
    }
    row.n += 1;
    row.sums.total += e.amountMinor;
    row.kinds.set(e.referenceKind, (row.kinds.get(e.referenceKind) ?? 0) + e.amountMinor);
    row.sums[e.bearer === 'requesting-state' ? 'requesting' : 'requested'] += e.amountMinor;
    if (e.invoice) row.sums.invoiced += e.amountMinor;
    if (e.invoice && e.repaidOn) row.sums.repaid += e.amountMinor;
  }
  return [...rows.values()]
    .sort((a, b) => a.partner.localeCompare(b.partner) || a.year - b.year || a.currency.localeCompare(b.currency))
    .map(({ partner, year, currency, n, sums, kinds }) => ({
      partner,
      year,
      currency,
      entries: n,
      total: fromMinorUnits(sums.total),
      borneByRequestingState: fromMinorUnits(sums.requesting),
      borneByRequestedState: fromMinorUnits(sums.requested),
      invoiced: fromMinorUnits(sums.invoiced),
      repaid: fromMinorUnits(sums.repaid),
      outstanding: fromMinorUnits(sums.invoiced - sums.repaid),
      byKind: Object.fromEntries(COST_REFERENCE_KINDS.filter((k) => kinds.has(k)).map((k) => [k, fromMinorUnits(kinds.get(k)!)])),
    }));
}
