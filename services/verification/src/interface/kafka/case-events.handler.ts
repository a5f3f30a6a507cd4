import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter } from '@readmission/messaging';
import { Inbox, consumeOnce } from '@readmission/persistence';
import { ApplyCaseMessage, SUPPLEMENTED, WITHDRAWN } from '../../application/apply-case-message';
import { OpenVerificationCase } from '../../application/open-verification-case';

/**
 * Kafka handlers: decode, then run the use case once per message through the inbox (consumeOnce). Errors reach
 * KafkaEventServer unchanged: domain errors are dead-lettered at once, others retried.
 */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class CaseEventsHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly openCase: OpenVerificationCase,
    private readonly caseMessages: ApplyCaseMessage,
  ) {}

  @EventPattern('readmission.internal.case-registered.v1')
  onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'verification.case-registered', record, 'readmission.internal.case-registered.v1', (m) =>
      this.openCase.execute(m),
    );
  }

  @EventPattern('readmission.internal.application-supplemented.v1')
  onSupplemented(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, SUPPLEMENTED, record, 'readmission.internal.application-supplemented.v1', (m) =>
      this.caseMessages.supplemented(m),
    );
  }

  @EventPattern('readmission.internal.application-withdrawn.v1')
  onWithdrawn(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, WITHDRAWN, record, 'readmission.internal.application-withdrawn.v1', (m) =>
      this.caseMessages.withdrawn(m),
    );
  }
}
