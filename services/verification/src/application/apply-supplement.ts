import { Injectable, Logger } from '@nestjs/common';
import { ApplicationSubmittedV1, ApplicationSupplementedInternalV1, DecodedMessage, EvidenceV1 } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { Clock } from '@readmission/platform';
import { CaseEvent, isOpen, outcomeOf } from '../domain/verification-case';
import { personNameKeys } from '../domain/work-queue';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { AssessCase } from './assess-case';
import { DecideCase } from './decide-case';
import { ScheduleInterview } from './schedule-interview';

/**
 * Further evidence or corrections from the partner (`readmission.internal.application-supplemented.v1`): kept
 * in the application, and while the case is undecided the checks run again (an interview when they now call for
 * one, a decision when they propose one). Applied once per message (`appliedIds`, in the same write).
 */
@Injectable()
export class ApplySupplement {
  private readonly logger = new Logger(ApplySupplement.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly assess: AssessCase,
    private readonly scheduleInterview: ScheduleInterview,
    private readonly decide: DecideCase,
    private readonly clock: Clock,
  ) {}

  async execute({ payload, envelope }: DecodedMessage<ApplicationSupplementedInternalV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber);
    if (!found) throw new Error(`supplement for ${payload.caseNumber}, which verification has not opened yet`); // ApplyCaseMessage keeps it until then
    if (found.appliedIds.includes(envelope.id)) {
      await this.decide.asProposed(found, 'system', envelope.id);
      return;
    }
    const s = payload.supplement;
    const application: ApplicationSubmittedV1 = {
      ...found.application,
      evidence: [...found.application.evidence, ...((s.evidence ?? []) as EvidenceV1[])],
      person: { ...found.application.person, ...(s.person ?? {}) },
    };
    const event: CaseEvent = {
      at: this.clock.now(),
      event: 'supplemented',
      by: `partner:${found.partnerCode}`,
      details: { evidence: s.evidence?.length ?? 0, person: Object.keys(s.person ?? {}), note: s.note ? 'yes' : 'no' },
    };
    const once = { _id: found._id, appliedIds: { $ne: envelope.id } };
    if (!isOpen(found.status)) {
      await this.cases.update(once, {
        $push: { appliedIds: envelope.id, history: event },
        $set: { application, nameKeys: personNameKeys(application.person) },
      });
      return;
    }
    const { assessment, registry, proposal } = await this.assess.execute(
      application,
      found.agreementRules,
      found.receivedAt,
      found.findings,
      { replyDueBy: found.replyDueBy, rulebookVersion: found.rulebookVersion },
    );
    const set: Record<string, unknown> = {
      application,
      nameKeys: personNameKeys(application.person),
      assessment,
      registry: registry.stored,
      proposal,
    };
    const history = [event];
    const events: OutgoingRecord[] = [];
    if (proposal.action === 'interview' && !found.interview) {
      const scheduled = await this.scheduleInterview.execute({ ...found, application }, proposal, envelope.id);
      Object.assign(set, { status: 'awaiting-interview', interview: scheduled.interview });
      history.push(scheduled.event);
      events.push(scheduled.record);
    } else if (proposal.action !== 'interview')
      set.status = found.status === 'overdue' || found.status === 'awaiting-confirmation' ? found.status : 'awaiting-review';
    await this.cases.update(once, { $push: { appliedIds: envelope.id, history: { $each: history } }, $set: set }, events);
    this.logger.log(`${found._id}: supplemented, checks run again: ${proposal.action}`);
    const outcome = outcomeOf(proposal);
    if (outcome) await this.decide.execute(found._id, outcome, 'system', envelope.id);
  }
}
