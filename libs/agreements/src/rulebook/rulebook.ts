import { lifecycleOn } from './lifecycle';
import { AgreementRules, PartnerState, RulebookData, TimeLimit, TimeLimitName } from './types';
import { validateRulebook } from './validate';

export class RulebookInvalidError extends Error {
  constructor(readonly errors: string[]) {
    super(`the rulebook is invalid: ${errors.join('; ')}`);
  }
}

export type Applicability = { applies: true; partner: PartnerState; agreement: AgreementRules } | { applies: false; reason: string };

/** One validated version of the rulebook, with the questions the services ask of it. */
export class Rulebook {
  private constructor(readonly data: RulebookData) {}

  /** Validates and wraps rulebook data; throws RulebookInvalidError listing every problem. */
  static from(input: unknown): Rulebook {
    const errors = validateRulebook(input);
    if (errors.length) throw new RulebookInvalidError(errors);
    return new Rulebook(input as RulebookData);
  }

  get version(): string {
    return this.data.version;
  }

  get effectiveFrom(): Date {
    return new Date(this.data.effectiveFrom);
  }

  partner(code: string): PartnerState | undefined {
    return this.data.partners.find((p) => p.code === code);
  }

  partners(): PartnerState[] {
    return this.data.partners;
  }

  agreement(code: string): AgreementRules {
    const agreement = this.data.agreements.find((a) => a.code === code);
    if (!agreement) throw new Error(`rulebook ${this.version} has no agreement ${code}`);
    return agreement;
  }

  /** The agreement that binds Azerbaijan to a partner on a date (the date of receipt), or why none does. */
  applicableAgreement(partnerCode: string, date: string): Applicability {
    const partner = this.partner(partnerCode);
    if (!partner) return { applies: false, reason: `${partnerCode} is not party to any readmission agreement with Azerbaijan` };
    const agreement = this.agreement(partner.agreement);
    const from = [agreement.inForceFrom.value, partner.from].filter(Boolean).sort().pop() as string;
    const until = [agreement.inForceUntil?.value, partner.until].filter(Boolean).sort()[0];
    if (date < from)
      return { applies: false, reason: `the ${agreement.code} agreement applies to ${partnerCode} from ${from}, not on ${date}` };
    if (until && date > until)
      return { applies: false, reason: `the ${agreement.code} agreement applies to ${partnerCode} until ${until}, not on ${date}` };
    const lifecycle = lifecycleOn(agreement, date);
    if (lifecycle) {
      const { event } = lifecycle;
      const from = lifecycle.state === 'suspended' ? 'suspended since' : 'terminated since';
      return {
        applies: false,
        reason: `the ${agreement.code} agreement is ${from} ${event.takesEffectOn} (notified on ${event.notifiedOn}; ${event.basis}): ${event.reason}. Applications received from that day are not processed under it; cases registered before keep their rules.`,
      };
    }
    return { applies: true, partner, agreement };
  }

  timeLimit(agreementCode: string, name: TimeLimitName): TimeLimit {
    return this.agreement(agreementCode).timeLimits[name];
  }
}
