import { ProcedureRules, TimeLimit } from '@readmission/agreements';
import { ConflictError, RuleBrokenError } from '@readmission/errors';

/**
 * Readmission by mistake (docs/rules.md#readmission-by-mistake): within the agreement's period after the transfer
 * (rulebook 2026.3: 6 months for nationals, 12 for third-country nationals and stateless persons, comparable; CH-AZ
 * Art. 10, period not read) Azerbaijan asks the partner to take back a person it readmitted although the conditions
 * were not met. One request per case (the person's readmission).
 */
export type MistakeStatus = 'requested' | 'accepted' | 'refused' | 'returned' | 'not-returned';

/** The rule's name for the person's category. */
export function mistakePeriodName(category: string): 'readmissionByMistakeNational' | 'readmissionByMistakeThirdCountNational' {
  return category === 'national' ? 'readmissionByMistakeNational' : 'readmissionByMistakeThirdCountNational';
}

export function mistakePeriodOf(rules: ProcedureRules, category: string): TimeLimit | undefined {
  return rules[mistakePeriodName(category)];
}

/** Refuses a request after the period's last instant, naming the rule, its source and the last day. */
export function assertWithinPeriod(
  now: Date,
  period: { dueBy: Date; dueDate: string; rule: string },
  agreement: string,
  handedOverOn: string,
): void {
  if (now.getTime() > period.dueBy.getTime())
    throw new RuleBrokenError(
      `readmission-by-mistake-period-exceeded: under ${agreement} a request to take back a person readmitted by mistake must be made within ${period.rule} (the handover was on ${handedOverOn}); its last day was ${period.dueDate}`,
      { code: 'readmission-by-mistake-period-exceeded', lastDay: period.dueDate, rule: period.rule },
    );
}

/** What may follow what: an answer only to a request, a return only after an acceptance. */
export function assertMayAnswer(status: MistakeStatus): void {
  if (status !== 'requested') throw new ConflictError(`the request for readmission by mistake was already answered (${status})`);
}

export function assertMayReturn(status: MistakeStatus): void {
  if (status === 'returned' || status === 'not-returned') throw new ConflictError(`the return was already recorded (${status})`);
  if (status !== 'accepted')
    throw new RuleBrokenError(`the partner has not accepted to take the person back (${status}): no return can be recorded`);
}
