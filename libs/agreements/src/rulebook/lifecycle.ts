import { addCalendarDays, addMonths } from '../calendar/dates';
import { AgreementRules, LifecycleEvent, TimeLimit } from './types';

/** A lifecycle event with the day it takes effect. */
export interface EffectiveEvent extends LifecycleEvent {
  takesEffectOn: string;
}

/** The day a notified event takes effect: as stated, or by the agreement's rule (calendar days or months after notification). */
export function effectiveOn(agreement: AgreementRules, e: LifecycleEvent): string | undefined {
  if (e.takesEffectOn) return e.takesEffectOn;
  if (e.event === 'resumption') return e.notifiedOn;
  const rule: TimeLimit | undefined =
    e.event === 'suspension' ? agreement.rules.suspensionTakesEffect : agreement.rules.terminationTakesEffect;
  if (!rule) return undefined;
  if (rule.unit === 'calendar-days') return addCalendarDays(e.notifiedOn, rule.value);
  if (rule.unit === 'months') return addMonths(e.notifiedOn, rule.value);
  return undefined; // working days need calendars: the event must state its date
}

/** Problems of the lifecycle events: an event whose date of effect can be neither read nor computed. */
export function lifecycleProblems(agreement: AgreementRules, path: string): string[] {
  return (agreement.lifecycle ?? []).flatMap((e, i) =>
    effectiveOn(agreement, e)
      ? []
      : [`${path}.lifecycle[${i}].takesEffectOn: required, the agreement has no calendar-day or month rule for a ${e.event}`],
  );
}

/**
 * Where the agreement stands on a date by its notified events: the last event in effect on that date decides
 * (a suspension until a resumption; a termination for good). Undefined: no event applies.
 */
export function lifecycleOn(
  agreement: AgreementRules,
  date: string,
): { state: 'suspended' | 'terminated'; event: EffectiveEvent } | undefined {
  const inEffect = (agreement.lifecycle ?? [])
    .map((e) => ({ ...e, takesEffectOn: effectiveOn(agreement, e) ?? '9999-12-31' }))
    .filter((e) => e.takesEffectOn <= date)
    .sort((a, b) =>
      a.takesEffectOn === b.takesEffectOn ? a.notifiedOn.localeCompare(b.notifiedOn) : a.takesEffectOn.localeCompare(b.takesEffectOn),
    );
  const termination = inEffect.find((e) => e.event === 'termination');
  if (termination) return { state: 'terminated', event: termination };
  const last = inEffect[inEffect.length - 1];
  return last?.event === 'suspension' ? { state: 'suspended', event: last } : undefined;
}
