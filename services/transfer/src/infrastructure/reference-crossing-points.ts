import { Injectable } from '@nestjs/common';
import { AZERBAIJAN, ReferenceData } from '@readmission/reference-data';
import { CrossingPointSource, CrossingPointsInEffect } from '../application/crossing-point-source';

/**
 * The crossing points from the shared reference data (kind `crossing-points`): the shipped version, and every
 * version an operator loads on intake, kept in this service's `reference-data` collection and read again every
 * REFERENCE_DATA_REFRESH_MS, so a new capacity applies without a restart.
 */
@Injectable()
export class ReferenceCrossingPoints extends CrossingPointSource {
  constructor(private readonly referenceData: ReferenceData) {
    super();
  }

  current(at: Date): Promise<CrossingPointsInEffect> {
    return this.referenceData.current('crossing-points', AZERBAIJAN, at);
  }
}
