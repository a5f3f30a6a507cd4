import { Injectable, Logger } from '@nestjs/common';
import { ApplicationWithdrawnInternalV1, DecodedMessage } from '@readmission/contracts';
import { Clock } from '@readmission/platform';
import { isOpen } from '../domain/verification-case';
import { VerificationCases } from '../infrastructure/verification-cases.repository';

/**
 * The partner withdraws its application (`readmission.internal.application-withdrawn.v1`): an undecided case is
 * closed; a decided one keeps its decision, with the withdrawal in its history. Applied once per message
 * (`appliedIds`, in the same write).
 */
@Injectable()
export class ApplyWithdrawal {
  private readonly logger = new Logger(ApplyWithdrawal.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly clock: Clock,
  ) {}

  async execute({ payload, envelope }: DecodedMessage<ApplicationWithdrawnInternalV1>): Promise<void> {
    const found = await this.cases.findById(payload.caseNumber, { status: 1 });
    if (!found) throw new Error(`withdrawal for ${payload.caseNumber}, which verification has not opened yet`); // retried: case-registered comes first
    const closes = isOpen(found.status);
    const event = { at: this.clock.now(), event: 'withdrawn', by: `partner:${payload.partnerCode}`, details: { reason: payload.withdrawal.reason } };
    await this.cases.update({ _id: payload.caseNumber, appliedIds: { $ne: envelope.id } }, { $push: { appliedIds: envelope.id, history: event }, ...(closes ? { $set: { status: 'withdrawn' } } : {}) });
    this.logger.log(`${payload.caseNumber}: withdrawn by the partner${closes ? ', case closed' : ' after the decision'}`);
  }
}
