import { Injectable } from '@nestjs/common';
import { AZERBAIJAN, ReferenceData } from '@readmission/reference-data';
import { ReferralBodies, ReferralBodiesInEffect } from '../application/referral-bodies';

/**
 * The referral bodies from the shared reference data (kind `referral-bodies`, key AZ): the shipped versions plus
 * those an operator loaded on intake, the one in effect at the instant asked; a new version applies without a
 * restart.
 */
@Injectable()
export class ReferenceReferralBodies extends ReferralBodies {
  constructor(private readonly referenceData: ReferenceData) {
    super();
  }

  async current(at: Date): Promise<ReferralBodiesInEffect> {
    const { version, data } = await this.referenceData.current('referral-bodies', AZERBAIJAN, at);
    return { version, bodies: data.bodies };
  }
}
