import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { Inbox, fingerprintOf } from '@readmission/persistence';
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
  async onPersonArrived(@Payload() record: ConsumedRecord): Promise<void> {
    const { envelope, payload } = decodeEvent(record, TOPIC);
    const delivery = { consumer: 'reintegration.person-arrived', id: envelope.id, fingerprint: fingerprintOf(payload) };
    await this.inbox.handle(delivery, () => this.openCase.execute(payload));
  }
}
