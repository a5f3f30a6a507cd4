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

  /**
   * The agreement that binds Azerbaijan to a partner on a date (the date of receipt), or why none does, in words a
   * requesting authority can act on: the article or basis behind it (from the rulebook) and what it can do.
   */
  applicableAgreement(partnerCode: string, date: string): Applicability {
    const partner = this.partner(partnerCode);
    if (!partner) return { applies: false, reason: this.noAgreementFor(partnerCode) };
    const agreement = this.agreement(partner.agreement);
    const from = [agreement.inForceFrom.value, partner.from].filter(Boolean).sort().pop() as string;
    const until = [agreement.inForceUntil?.value, partner.until].filter(Boolean).sort()[0];
    const basis = (v: { source: string; status: string }) => `${agreement.code}, ${v.source}, ${v.status}`;
    if (date < from) {
      const why =
        from === agreement.inForceFrom.value
          ? ` (entry into force: ${basis(agreement.inForceFrom)})`
          : ` (date ${partnerCode} became party)`;
      return {
        applies: false,
        reason: `the ${agreement.code} agreement applies to ${partnerCode} from ${from}${why}, not on ${date}, the date this application was received: it cannot be processed under the agreement; an application received from ${from} on can.`,
      };
    }
    if (until && date > until) {
      const why =
        until === agreement.inForceUntil?.value ? ` (${basis(agreement.inForceUntil)})` : ` (date ${partnerCode} ceased to be party)`;
      return {
        applies: false,
        reason: `the ${agreement.code} agreement applies to ${partnerCode} until ${until}${why}, not on ${date}, the date this application was received: it cannot be processed under the agreement.`,
      };
    }
    const lifecycle = lifecycleOn(agreement, date);
    if (lifecycle) {
      const { event } = lifecycle;
      const from = lifecycle.state === 'suspended' ? 'suspended since' : 'terminated since';
      const next =
        lifecycle.state === 'suspended'
          ? 'An application may be sent again once the suspension is lifted (resumption notified).'
          : 'No application can be processed under it any more.';
      return {
        applies: false,
        reason: `the ${agreement.code} agreement is ${from} ${event.takesEffectOn} (notified on ${event.notifiedOn}; ${event.basis}): ${event.reason}. Applications received from that day are not processed under it; cases registered before keep their rules. ${next}`,
      };
    }
    return { applies: true, partner, agreement };
  }

  /** A state party to none of the agreements: which ones exist, and the basis when it is expressly not party. */
  private noAgreementFor(partnerCode: string): string {
    const excludedBy = this.data.agreements.find((a) => a.notParty?.value.includes(partnerCode));
    const agreements = this.data.agreements
      .map((a) => `${a.code} (${this.partners().filter((p) => p.agreement === a.code).length} states)`)
      .join(', ');
    const why = excludedBy?.notParty
      ? ` ${partnerCode} takes no part in the ${excludedBy.code} agreement (${excludedBy.code}, ${excludedBy.notParty.source}, ${excludedBy.notParty.status}).`
      : '';
    return `${partnerCode} is not party to any readmission agreement with Azerbaijan in rulebook ${this.version}: ${agreements}.${why} An application from ${partnerCode} cannot be processed on this platform; readmission needs an agreement binding Azerbaijan and ${partnerCode}.`;
  }

  timeLimit(agreementCode: string, name: TimeLimitName): TimeLimit {
    return this.agreement(agreementCode).timeLimits[name];
  }
}
