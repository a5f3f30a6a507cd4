import { Injectable, Logger } from '@nestjs/common';
import { formatInstant } from '@readmission/agreements';
import { ApplicationWithdrawnInternalV1, DecodedMessage, WithdrawalStage, encodeInternalEvent } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { Clock, deterministicId } from '@readmission/platform';
import { isOpen } from '../domain/verification-case';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { SOURCE, partnerReply } from './partner-reply';

/**
 * The partner withdraws its application (`readmission.internal.application-withdrawn.v1`), with what that means at
 * each stage (docs/rules.md#withdrawal-of-an-application): before the decision the case is closed and the partner
 * told (`readmission.application.withdrawal-confirmed.v1`, stage `before-decision`); after an acceptance the
 * acceptance lapses: transfer is told (`readmission.internal.acceptance-lapsed.v1`), cancels the travel documents,
 * refuses transfer notices for the person and answers the partner; after a refusal nothing changes, and the partner
 * is told so. Applied once per message (`appliedIds`, in the same write as its events).
 */
@Injectable()
export class ApplyWithdrawal {
  private readonly logger = new Logger(ApplyWithdrawal.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly clock: Clock,
  ) {}

  async execute({ payload, envelope }: DecodedMessage<ApplicationWithdrawnInternalV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber, {
      status: 1,
      decision: 1,
      partnerCode: 1,
      partnerReference: 1,
      applicationMessageId: 1,
    });
    if (!found) throw new Error(`withdrawal for ${payload.caseNumber}, which verification has not opened yet`); // ApplyCaseMessage keeps it until then
    const now = this.clock.now();
    const closes = isOpen(found.status);
    const withdrawnAt = formatInstant(new Date(payload.receivedAt));
    const event = {
      at: now,
      event: 'withdrawn',
      by: `partner:${payload.partnerCode}`,
      details: { reason: payload.withdrawal.reason, stage: closes ? 'before-decision' : found.status },
    };
    const events: OutgoingRecord[] = [];
    const answer = (stage: WithdrawalStage, effect: string) =>
      partnerReply(
        { ...found, applicationMessageId: payload.messageId },
        'readmission.application.withdrawal-confirmed.v1',
        deterministicId('withdrawal', payload.caseNumber, envelope.id),
        { partnerReference: found.partnerReference, caseNumber: found._id, stage, effect, cancelledDocuments: [], withdrawnAt },
        now,
        envelope.id,
      );
    if (closes)
      events.push(
        answer(
          'before-decision',
          'The application is withdrawn before a decision: the case is closed and no reply on the merits will be given.',
        ),
      );
    else if (found.status === 'decided' && found.decision?.decision === 'accepted') {
      events.push(
        encodeInternalEvent(
          'readmission.internal.acceptance-lapsed.v1',
          {
            caseNumber: found._id,
            partnerCode: found.partnerCode,
            partnerReference: found.partnerReference,
            reason: payload.withdrawal.reason,
            withdrawnAt,
            withdrawalMessageId: payload.messageId,
          },
          {
            id: deterministicId('acceptance-lapsed', payload.caseNumber, envelope.id),
            source: SOURCE,
            time: now.toISOString(),
            subject: found._id,
            causationId: envelope.id,
          },
        ),
      );
    } else if (found.status === 'decided')
      events.push(answer('after-refusal', 'The application was refused already; the withdrawal is recorded and changes nothing.'));
    else if (found.status === 'withdrawn')
      events.push(answer('before-decision', 'The application was already withdrawn and its case closed; this withdrawal changes nothing.'));
    const set = closes ? { $set: { status: 'withdrawn' } } : {};
    // Guarded by the status it was judged in: a decision taken meanwhile makes it judged again (after the decision).
    const applied = await this.cases.update(
      { _id: payload.caseNumber, appliedIds: { $ne: envelope.id }, status: found.status },
      { $push: { appliedIds: envelope.id, history: event }, ...set },
      events,
    );
    if (!applied && !(await this.cases.exists({ _id: payload.caseNumber, appliedIds: envelope.id })))
      throw new Error(`${payload.caseNumber}: its status changed while the withdrawal was applied`); // transient: judged again
    this.logger.log(
      `${payload.caseNumber}: withdrawn by the partner${closes ? ', case closed' : ` after the decision (${found.decision?.decision ?? found.status})`}`,
    );
  }
}
