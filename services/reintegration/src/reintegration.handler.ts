import { UseFilters, Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { ReintegrationService } from './reintegration.service';

/** Kafka handlers: errors reach KafkaEventServer unchanged, to be retried or dead-lettered by their class. */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class ReintegrationHandler {
  constructor(private readonly reintegration: ReintegrationService) {}

  @EventPattern('readmission.internal.person-arrived.v1')
  async onPersonArrived(@Payload() record: ConsumedRecord): Promise<void> {
    await this.reintegration.onPersonArrived(decodeEvent(record, 'readmission.internal.person-arrived.v1'));
  }
}
