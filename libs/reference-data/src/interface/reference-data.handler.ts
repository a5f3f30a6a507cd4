import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { REFERENCE_DATA_TOPIC } from '@readmission/contracts';
import { ConsumedRecord, PassThroughRpcFilter, decodeEvent } from '@readmission/messaging';
import { KeepReferenceDataVersion } from '../application/keep-reference-data-version';

/** Reads the reference-data topic (tests map this pattern to a topic of their own with the server's patternTopics). */
@UseFilters(PassThroughRpcFilter)
@Controller()
export class ReferenceDataHandler {
  constructor(private readonly keep: KeepReferenceDataVersion) {}

  @EventPattern(REFERENCE_DATA_TOPIC)
  async onVersion(@Payload() record: ConsumedRecord): Promise<void> {
    const { payload } = decodeEvent(record, REFERENCE_DATA_TOPIC);
    await this.keep.execute(payload);
  }
}
