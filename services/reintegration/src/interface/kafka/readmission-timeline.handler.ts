import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { Inbox, fingerprintOf } from '@readmission/persistence';
import { RecordCaseDecision } from '../../application/record-case-decision';
import { RecordCaseRegistered } from '../../application/record-case-registered';

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

  @EventPattern('readmission.internal.case-registered.v1')
  async onCaseRegistered(@Payload() record: ConsumedRecord): Promise<void> {
    const m = decodeEvent(record, 'readmission.internal.case-registered.v1');
    await this.inbox.handle({ consumer: 'reintegration.case-registered', id: m.envelope.id, fingerprint: fingerprintOf(m.payload) }, () => this.recordRegistered.execute(m.payload));
  }

  @EventPattern('readmission.internal.case-decided.v1')
  async onCaseDecided(@Payload() record: ConsumedRecord): Promise<void> {
    const m = decodeEvent(record, 'readmission.internal.case-decided.v1');
    await this.inbox.handle({ consumer: 'reintegration.case-decided', id: m.envelope.id, fingerprint: fingerprintOf(m.payload) }, () => this.recordDecision.execute(m.payload));
  }
}
