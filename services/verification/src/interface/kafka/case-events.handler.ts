import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { ApplySupplement } from '../../application/apply-supplement';
import { ApplyWithdrawal } from '../../application/apply-withdrawal';
import { OpenVerificationCase } from '../../application/open-verification-case';

/** Kafka handlers: errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class CaseEventsHandler {
  constructor(
    private readonly openCase: OpenVerificationCase,
    private readonly applySupplement: ApplySupplement,
    private readonly applyWithdrawal: ApplyWithdrawal,
  ) {}

  @EventPattern('readmission.internal.case-registered.v1')
  async onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    await this.openCase.execute(decodeEvent(record, 'readmission.internal.case-registered.v1'));
  }

  @EventPattern('readmission.internal.application-supplemented.v1')
  async onSupplemented(@Payload() record: ConsumedRecord): Promise<void> {
    await this.applySupplement.execute(decodeEvent(record, 'readmission.internal.application-supplemented.v1'));
  }

  @EventPattern('readmission.internal.application-withdrawn.v1')
  async onWithdrawn(@Payload() record: ConsumedRecord): Promise<void> {
    await this.applyWithdrawal.execute(decodeEvent(record, 'readmission.internal.application-withdrawn.v1'));
  }
}
