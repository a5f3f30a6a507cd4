import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter } from '@readmission/messaging';
import { Inbox, consumeOnce } from '@readmission/persistence';
import { RecordCaseDecision } from '../../application/record-case-decision';
import { RecordCaseRegistered } from '../../application/record-case-registered';

const CASE_REGISTERED = 'readmission.internal.case-registered.v1';
const CASE_DECIDED = 'readmission.internal.case-decided.v1';

/**
 * The registrations and decisions reintegration projects into its readmission timeline (for the statistics),
 * each through the inbox. The projection is a `$set` of fixed facts, so a rerun changes nothing.
 */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class ReadmissionTimelineHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly recordRegistered: RecordCaseRegistered,
    private readonly recordDecision: RecordCaseDecision,
  ) {}

  @EventPattern(CASE_REGISTERED)
  onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'reintegration.case-registered', record, CASE_REGISTERED, (m) =>
      this.recordRegistered.execute(m.payload),
    );
  }

  @EventPattern(CASE_DECIDED)
  onCaseDecided(@Payload() record: ConsumedRecord): Promise<void> {
    return consumeOnce(this.inbox, 'reintegration.case-decided', record, CASE_DECIDED, (m) => this.recordDecision.execute(m.payload));
  }
}
