import { UseFilters, Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { ReintegrationService } from './reintegration.service';

/** Kafka handlers: errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. Each is idempotent under redelivery. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class ReintegrationHandler {
  constructor(private readonly reintegration: ReintegrationService) {}

  @EventPattern('readmission.internal.person-arrived.v1')
  async onPersonArrived(@Payload() record: ConsumedRecord): Promise<void> {
    await this.reintegration.onPersonArrived(decodeEvent(record, 'readmission.internal.person-arrived.v1'));
  }

  @EventPattern('readmission.internal.case-registered.v1')
  async onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    await this.reintegration.onCaseRegistered(decodeEvent(record, 'readmission.internal.case-registered.v1'));
  }

  @EventPattern('readmission.internal.case-decided.v1')
  async onCaseDecided(@Payload() record: ConsumedRecord): Promise<void> {
    await this.reintegration.onCaseDecided(decodeEvent(record, 'readmission.internal.case-decided.v1'));
  }
}
