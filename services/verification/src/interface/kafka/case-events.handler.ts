import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DecodedMessage } from '@readmission/contracts';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { Inbox, fingerprintOf } from '@readmission/persistence';
import { ApplySupplement } from '../../application/apply-supplement';
import { ApplyWithdrawal } from '../../application/apply-withdrawal';
import { OpenVerificationCase } from '../../application/open-verification-case';

/**
 * Kafka handlers: decode, then run the use case once per message through the inbox (a redelivery of a handled
 * message does nothing; one of a message whose handling crashed runs the idempotent use case again). Errors reach
 * KafkaEventServer unchanged: domain errors are dead-lettered at once, others retried.
 */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class CaseEventsHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly openCase: OpenVerificationCase,
    private readonly applySupplement: ApplySupplement,
    private readonly applyWithdrawal: ApplyWithdrawal,
  ) {}

  @EventPattern('readmission.internal.case-registered.v1')
  async onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    const message = decodeEvent(record, 'readmission.internal.case-registered.v1');
    await this.once('verification.case-registered', message, () => this.openCase.execute(message));
  }

  @EventPattern('readmission.internal.application-supplemented.v1')
  async onSupplemented(@Payload() record: ConsumedRecord): Promise<void> {
    const message = decodeEvent(record, 'readmission.internal.application-supplemented.v1');
    await this.once('verification.application-supplemented', message, () => this.applySupplement.execute(message));
  }

  @EventPattern('readmission.internal.application-withdrawn.v1')
  async onWithdrawn(@Payload() record: ConsumedRecord): Promise<void> {
    const message = decodeEvent(record, 'readmission.internal.application-withdrawn.v1');
    await this.once('verification.application-withdrawn', message, () => this.applyWithdrawal.execute(message));
  }

  private async once(consumer: string, message: DecodedMessage<unknown>, effect: () => Promise<void>): Promise<void> {
    await this.inbox.handle({ consumer, id: message.envelope.id, fingerprint: fingerprintOf(message.payload) }, effect);
  }
}
