import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { VerificationService } from './verification.service';

/** Kafka handlers: errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class VerificationHandler {
  constructor(private readonly verification: VerificationService) {}

  @EventPattern('readmission.internal.case-registered.v1')
  async onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    await this.verification.onCaseRegistered(decodeEvent(record, 'readmission.internal.case-registered.v1'));
  }

  @EventPattern('readmission.internal.application-supplemented.v1')
  async onSupplemented(@Payload() record: ConsumedRecord): Promise<void> {
    await this.verification.onSupplemented(decodeEvent(record, 'readmission.internal.application-supplemented.v1'));
  }

  @EventPattern('readmission.internal.application-withdrawn.v1')
  async onWithdrawn(@Payload() record: ConsumedRecord): Promise<void> {
    await this.verification.onWithdrawn(decodeEvent(record, 'readmission.internal.application-withdrawn.v1'));
  }
}
