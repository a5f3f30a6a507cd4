import { Injectable, Logger } from '@nestjs/common';
import { CaseRegisteredV1, DecodedMessage } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { Clock } from '@readmission/platform';
import { personNameKeys } from '../domain/work-queue';
import { Stored } from '@readmission/persistence';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { ApplyCaseMessage } from './apply-case-message';
import { AssessCase } from './assess-case';
import { DecideCase } from './decide-case';
import { ScheduleInterview } from './schedule-interview';

/**
 * Opens the case of a registered application (`readmission.internal.case-registered.v1`): the checks run, an
 * interview is scheduled when they call for one, and a proposal to accept or refuse is decided at once. Once per
 * case: the case number is the document's _id (insertOnce); a redelivery only finishes a decision a crash left
 * undone.
 */
@Injectable()
export class OpenVerificationCase {
  private readonly logger = new Logger(OpenVerificationCase.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly assess: AssessCase,
    private readonly scheduleInterview: ScheduleInterview,
    private readonly decide: DecideCase,
    private readonly caseMessages: ApplyCaseMessage,
    private readonly clock: Clock,
  ) {}

  async execute({ payload: c, envelope }: DecodedMessage<CaseRegisteredV1>): Promise<void> {
    const existing = await this.cases.findById(c.caseNumber, { status: 1, proposal: 1 });
    if (existing) {
      this.logger.log(`${c.caseNumber}: already opened (redelivery)`);
      await this.applyWaitingThenDecide(c.caseNumber, envelope.id);
      return;
    }
    const rules = c.agreementRules;
    const receivedAt = new Date(c.receivedAt);
    const { assessment, registry, proposal } = await this.assess.execute(
      c.application,
      rules,
      receivedAt,
      {},
      { replyDueBy: new Date(c.replyDueBy), rulebookVersion: c.rulebookVersion },
    );
    const now = this.clock.now();
    const doc: Stored<VerificationCase> = {
      _id: c.caseNumber,
      partnerCode: c.partnerCode,
      partnerReference: c.partnerReference,
      agreement: c.agreement,
      rulebookVersion: c.rulebookVersion,
      agreementRules: rules,
      category: c.category,
      procedure: c.procedure,
      receivedAt,
      replyDueBy: new Date(c.replyDueBy),
      originalReplyDueBy: new Date(c.replyDueBy),
      status: 'awaiting-review',
      application: c.application,
      nameKeys: personNameKeys(c.application.person),
      applicationMessageId: envelope.causationId,
      assessment,
      registry: registry.stored,
      proposal,
      alertsRaised: [],
      escalated: false,
      appliedIds: [],
      history: [{ at: now, event: 'opened', by: 'system', details: { proposal: proposal.action, why: proposal.why } }],
    };
    const events: OutgoingRecord[] = [];
    if (proposal.action === 'interview') {
      const scheduled = await this.scheduleInterview.execute(doc, proposal, envelope.id);
      Object.assign(doc, { status: 'awaiting-interview', interview: scheduled.interview, history: [...doc.history, scheduled.event] });
      events.push(scheduled.record);
    }
    if (!(await this.cases.insertOnce(doc, events))) return;
    this.logger.log(`${c.caseNumber}: opened, ${assessment.strongest} evidence, proposal ${proposal.action}`);
    await this.applyWaitingThenDecide(c.caseNumber, envelope.id);
  }

  /**
   * Supplements and withdrawals that came before the case are applied first, in their order of receipt (a withdrawal
   * closes the case before any decision); then the case is decided as the rules propose, if it is still open.
   */
  private async applyWaitingThenDecide(caseNumber: string, causationId: string): Promise<void> {
    await this.caseMessages.applyWaiting(caseNumber);
    const opened = await this.cases.findById(caseNumber, { status: 1, proposal: 1 });
    if (opened) await this.decide.asProposed(opened, 'system', causationId);
  }
}
