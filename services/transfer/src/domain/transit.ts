import {
  CalendarBook,
  Deadline,
  TransitRefusalGround,
  TransitRules,
  bakuDate,
  computeDeadline,
  formatInstant,
} from '@readmission/agreements';
import { TransitBorderEvent } from '@readmission/contracts';
import { ConflictError, InvalidInputError, RuleBrokenError } from '@readmission/errors';

/**
 * Transit under escort through Azerbaijan (docs/rules.md#transit): the officer's decision within the reply time limit,
 * the consent's window, a revocation, and what the border officer records at the crossing point. Pure rules.
 */

export const TRANSIT_STATUSES = ['requested', 'consented', 'refused', 'revoked', 'entered', 'left', 'not-arrived', 'lapsed'] as const;
export type TransitStatus = (typeof TRANSIT_STATUSES)[number];

/** The border events are the partner interface's (told to the partner as `readmission.transit.border-recorded.v1`). */
export { TRANSIT_BORDER_EVENTS, type TransitBorderEvent } from '@readmission/contracts';

/** What the rules need to know of a transit. */
export interface TransitState {
  agreement: string;
  status: TransitStatus;
  transitRules: TransitRules;
  pointOfEntry: string;
  decidedAt?: Date;
  consentValidUntil?: Date;
  revokedAt?: Date;
}

export type TransitDecisionInput = { decision: 'consent' } | { decision: 'refuse'; refusalGround: TransitRefusalGround; grounds: string };

/** The decision as recorded and sent: consent with its window, or refusal with its ground, written grounds and basis. */
export interface TransitDecisionRecord {
  decision: 'consented' | 'refused';
  decidedAt: Date;
  basis: string;
  consentValidUntil?: Date;
  consentRule?: Deadline;
  refusalGround?: TransitRefusalGround;
  grounds?: string;
}

/** The article (or docs/rules.md section) and status a decision on the ground names. */
export function groundsBasis(t: Pick<TransitState, 'agreement' | 'transitRules'>, ground: TransitRefusalGround): string {
  const g = t.transitRules.refusalGrounds;
  return `${t.agreement}: transit may be refused on the ground ${ground} (${g.status}: ${g.source})`;
}

/** An officer decides a transit still waiting for its reply; a refusal needs a ground the agreement allows and written grounds. */
export function decideTransit(t: TransitState, input: TransitDecisionInput, now: Date, calendars: CalendarBook): TransitDecisionRecord {
  if (t.status !== 'requested') throw new ConflictError(`the transit is ${t.status}, not waiting for a decision`);
  if (input.decision === 'refuse') {
    if (!t.transitRules.refusalGrounds.value.includes(input.refusalGround))
      throw new RuleBrokenError(
        `${input.refusalGround} is not a ground ${t.agreement} allows for refusing a transit (${t.transitRules.refusalGrounds.value.join(', ')})`,
        { field: 'refusalGround' },
      );
    if (!input.grounds?.trim()) throw new InvalidInputError('a refusal gives written grounds', [{ path: 'grounds', message: 'required' }]);
    return {
      decision: 'refused',
      decidedAt: now,
      refusalGround: input.refusalGround,
      grounds: input.grounds,
      basis: groundsBasis(t, input.refusalGround),
    };
  }
  const window = computeDeadline('transitConsent', t.transitRules.consentValidity, { date: bakuDate(now) }, calendars);
  return {
    decision: 'consented',
    decidedAt: now,
    consentValidUntil: window.dueBy,
    consentRule: window,
    basis: `${t.agreement}: the transit is carried out within ${window.rule}`,
  };
}

/** A consent is revoked when facts come to light that stand in the way of the transit (before the person entered). */
export function assertRevocable(t: TransitState, ground: TransitRefusalGround): void {
  if (t.status !== 'consented') throw new ConflictError(`the transit is ${t.status}: only a consent not yet used can be revoked`);
  if (!t.transitRules.refusalGrounds.value.includes(ground))
    throw new RuleBrokenError(`${ground} is not a ground ${t.agreement} allows for refusing a transit`, { field: 'ground' });
}

/**
 * What the border officer may record now: `entered` at the point of entry of a consent in its window (a transit outside
 * it, or after a revocation, is refused), `left` after it entered, `not-arrived` for a consent not used.
 */
export function assertBorderEvent(t: TransitState, event: TransitBorderEvent, crossingPoint: string, at: Date): void {
  if (t.status === 'revoked')
    throw new RuleBrokenError(`the consent to this transit was revoked on ${formatInstant(t.revokedAt as Date)}: refuse the transit`, {
      code: 'transit-consent-revoked',
    });
  if (event === 'left') {
    if (t.status !== 'entered') throw new ConflictError(`the transit is ${t.status}: a person leaves only after entering`);
    return;
  }
  if (t.status !== 'consented') throw new ConflictError(`the transit is ${t.status}, not a consent waiting for the transit`);
  if (crossingPoint !== t.pointOfEntry)
    throw new InvalidInputError(`the transit enters at ${t.pointOfEntry}, not ${crossingPoint}`, [
      { path: 'crossingPoint', message: `the point of entry is ${t.pointOfEntry}` },
    ]);
  if (event !== 'entered') return;
  const from = t.decidedAt as Date;
  const until = t.consentValidUntil as Date;
  if (at < from || at > until) {
    const v = t.transitRules.consentValidity;
    throw new RuleBrokenError(
      `outside the consent's window (${formatInstant(from)} to ${formatInstant(until)}; ${t.agreement}: ${v.value} ${v.unit} from consent, ${v.status}: ${v.source}): refuse the transit`,
      { code: 'outside-consent-window' },
    );
  }
}
