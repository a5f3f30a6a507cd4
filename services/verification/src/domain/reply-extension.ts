import { TimeLimit, formatInstant } from '@readmission/agreements';
import { ConflictError, RuleBrokenError } from '@readmission/errors';

/**
 * Whether the reply time limit may be extended by `days`: within the agreement's maximum (counted from the original
 * limit), and asked for before the limit in force falls due.
 */
export function assertExtensionAllowed(input: { agreement: string; days: number; max: TimeLimit; replyDueBy: Date; now: Date }): void {
  const { agreement, days, max, replyDueBy, now } = input;
  if (days < 1 || days > max.value) {
    throw new RuleBrokenError(`${agreement} allows an extension of 1 to ${max.value} ${max.unit} (${max.status}: ${max.source})`, {
      max: max.value,
      unit: max.unit,
    });
  }
  if (now > replyDueBy)
    throw new ConflictError(`the reply time limit ${formatInstant(replyDueBy)} has passed: an extension is asked for before it falls due`);
}

/** An extension must move the limit in force later (a second, shorter one changes nothing). */
export function assertLaterThan(extended: Date, replyDueBy: Date): void {
  if (extended <= replyDueBy) throw new ConflictError(`the reply is already due ${formatInstant(replyDueBy)}`);
}
