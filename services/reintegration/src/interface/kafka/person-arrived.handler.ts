import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter } from '@readmission/messaging';
import { Inbox, consumeOnce } from '@readmission/persistence';
import { OpenReintegrationCase } from '../../application/open-reintegration-case';

const TOPIC = 'readmission.internal.person-arrived.v1';

/**
 * transfer → reintegration: a person was handed over. Opens the case through the inbox (a redelivery of a handled
 * arrival does nothing; one whose handling crashed reruns the idempotent use case). Errors reach KafkaEventServer
 * unchanged: domain errors are dead-lettered at once, others retried.
 */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class PersonArrivedHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly openCase: OpenReintegrationCase,
  ) {}

  @EventPattern(TOPIC)
  onPersonArrived(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'reintegration.person-arrived', record, TOPIC, (arrival) => this.openCase.execute(arrival.payload));
  }
}
