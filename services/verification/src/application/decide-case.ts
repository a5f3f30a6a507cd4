import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { encodeInternalEvent } from '@readmission/contracts';
import { NotFoundError } from '@readmission/errors';
import { OutgoingRecord } from '@readmission/messaging';
import { Stored } from '@readmission/persistence';
import { Clock, deterministicId } from '@readmission/platform';
import { Outcome, Proposal, VerificationStatus, isOpen, outcomeOf } from '../domain/verification-case';
import { DecisionRecord } from '../infrastructure/decision-record.schema';
import { Decisions } from '../infrastructure/decisions.repository';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { SOURCE, partnerReply } from './partner-reply';
import { verificationMetrics } from './verification-metrics';

/**
 * Decides a case once, whoever decides (the rules, an officer, the reply sweep, another instance). The claim is an
 * insert-once decision document whose _id is the case number (insertOnce rather than the inbox: the effect is once
 * per case, not per message); a second decider finds it taken. The case then records the decision that was taken,
 * with the partner reply and `case-decided` queued in that same write, guarded by its status: a crash between the
 * two writes is repaired by the next decider (a redelivery, the officer again, the reply sweep), and the events
 * leave only once the case says it is decided.
 */
@Injectable()
export class DecideCase {
  private readonly logger = new Logger(DecideCase.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly decisions: Decisions,
    private readonly clock: Clock,
  ) {}

  /**
   * `at`: when the decision takes effect, if not now (a deemed acceptance takes effect when the reply fell due).
   * `decided`: this call took the decision; `decision`: the case's decision, whoever took it.
   */
  async execute(
    caseNumber: string,
    outcome: Outcome,
    decidedBy: string,
    causationId?: string,
    at?: Date,
    firstOfficer?: string,
  ): Promise<{ decided: boolean; decision: Outcome }> {
    const found = await this.cases.findById(caseNumber);
    if (!found) throw new NotFoundError(`no case ${caseNumber}`);
    const mine: Stored<DecisionRecord> = {
      _id: caseNumber,
      ...outcome,
      decidedAt: at ?? this.clock.now(),
      decidedBy,
      ...(firstOfficer ? { firstOfficer } : {}),
      ...(causationId ? { causationId } : {}),
    };
    const decided = await this.decisions.insertOnce(mine);
    const record = decided ? mine : await this.decisions.findById(caseNumber);
    if (!record) throw new Error(`${caseNumber}: decision neither inserted nor found`); // retried
    await this.recordOnCase(found, record);
    const { decision, basis, grounds, deemed } = record;
    if (decided) {
      verificationMetrics.decisions.inc({ partner: found.partnerCode, decision, basis, deemed: String(deemed) });
      this.logger.log(`${caseNumber}: ${deemed ? 'deemed ' : ''}${decision} (${basis}) by ${decidedBy}`);
    } else this.logger.log(`${caseNumber}: already decided`);
    return { decided, decision: { decision, basis, grounds, deemed } };
  }

  /**
   * Carries out the decision the rules proposed for an open case, if they proposed one: also after a crash between
   * opening (or re-checking) a case and deciding it, which is harmless when the decision was taken.
   */
  async asProposed(
    found: { _id: string; status: VerificationStatus; proposal?: Proposal },
    decidedBy: string,
    causationId?: string,
  ): Promise<void> {
    const outcome = outcomeOf(found.proposal);
    if (isOpen(found.status) && outcome) await this.execute(found._id, outcome, decidedBy, causationId);
  }

  /** The case says it is decided, and the partner reply and `case-decided` leave with that write (once: guarded by the status). */
  private async recordOnCase(found: Stored<VerificationCase>, record: Stored<DecisionRecord>): Promise<void> {
    const { decision, basis, grounds, deemed, decidedAt, decidedBy, firstOfficer, causationId } = record;
    const caseNumber = found._id;
    const reply = {
      partnerReference: found.partnerReference,
      caseNumber,
      decision,
      basis,
      ...(grounds ? { grounds } : {}),
      decidedAt: formatInstant(decidedAt),
      deemed,
    };
    const events = [
      partnerReply(
        found,
        'readmission.application.decided.v1',
        deterministicId('decided', caseNumber),
        reply,
        this.clock.now(),
        causationId,
      ),
      this.caseDecided(found, record),
    ];
    await this.cases.update(
      // Never over a withdrawal: a case the partner withdrew before the decision stays withdrawn.
      { _id: caseNumber, status: { $nin: ['decided', 'withdrawn'] } },
      {
        $set: {
          status: 'decided',
          decision: { decision, basis, grounds, deemed, decidedAt, decidedBy, ...(firstOfficer ? { firstOfficer } : {}) },
        },
        $push: {
          history: {
            at: decidedAt,
            event: 'decided',
            by: decidedBy,
            details: { decision, basis, deemed, ...(firstOfficer ? { firstOfficer } : {}) },
          },
        },
      },
      events,
    );
  }

  private caseDecided(found: Stored<VerificationCase>, record: Stored<DecisionRecord>): OutgoingRecord {
    const caseNumber = found._id;
    const { person, family, assistance, unaccompaniedMinor } = found.application;
    return encodeInternalEvent(
      'readmission.internal.case-decided.v1',
      {
        caseNumber,
        partnerCode: found.partnerCode,
        partnerReference: found.partnerReference,
        agreement: found.agreement,
        category: found.category,
        decision: record.decision,
        basis: record.basis,
        ...(record.grounds ? { grounds: record.grounds } : {}),
        decidedAt: formatInstant(record.decidedAt),
        deemed: record.deemed,
        receivedAt: formatInstant(found.receivedAt),
        rulebookVersion: found.rulebookVersion,
        agreementRules: found.agreementRules,
        person: {
          surname: person.surname,
          givenNames: person.givenNames,
          sex: person.sex,
          dateOfBirth: person.dateOfBirth,
          nationality: person.nationality,
          ...(person.photo ? { photo: { attachmentId: person.photo.attachmentId, sha256: person.photo.sha256 } } : {}),
        },
        // Family members (spouse, minor unmarried children) are decided with the person (docs/rules.md#evidence).
        family: family ?? [],
        assistance,
        unaccompaniedMinor: unaccompaniedMinor ?? false,
      },
      {
        id: deterministicId('case-decided', caseNumber),
        source: SOURCE,
        time: record.decidedAt.toISOString(),
        subject: caseNumber,
        causationId: record.causationId,
      },
    );
  }
}
