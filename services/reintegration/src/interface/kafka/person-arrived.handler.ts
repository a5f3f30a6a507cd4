import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter } from '@readmission/messaging';
import { Inbox, consumeOnce } from '@readmission/persistence';
import { CloseCaseAfterReturnByMistake } from '../../application/close-case-after-return-by-mistake';
import { OpenReintegrationCase } from '../../application/open-reintegration-case';

const TOPIC = 'readmission.internal.person-arrived.v1';
const RETURNED = 'readmission.internal.person-returned-by-mistake.v1';

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
    private readonly closeAfterReturn: CloseCaseAfterReturnByMistake,
  ) {}

  @EventPattern(TOPIC)
  onPersonArrived(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'reintegration.person-arrived', record, TOPIC, (arrival) => this.openCase.execute(arrival.payload));
  }

  /** transfer → reintegration: the person was handed back to the partner, readmitted by mistake. */
  @EventPattern(RETURNED)
  onPersonReturned(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'reintegration.person-returned-by-mistake', record, RETURNED, (m) =>
      this.closeAfterReturn.execute(m.payload),
    );
  }
}
