import { Injectable } from '@nestjs/common';
import { ReferralBodiesData, SHIPPED_REFERRAL_BODIES, validateReferralBodies } from '@readmission/agreements';
import { ReferralBodies, ReferralBodiesInEffect } from '../application/referral-bodies';

/**
 * The referral bodies shipped with the platform (libs/agreements/data/referral-bodies): the latest version whose
 * effectiveFrom has come. Checked once at start: a bad version stops the service naming its problems.
 */
@Injectable()
export class ShippedReferralBodies extends ReferralBodies {
  private readonly versions: ReferralBodiesData[];

  constructor() {
    super();
    for (const data of SHIPPED_REFERRAL_BODIES) {
      const problems = validateReferralBodies(data);
      if (problems.length) throw new Error(`referral bodies ${data.version}: ${problems.join('; ')}`);
    }
    this.versions = [...SHIPPED_REFERRAL_BODIES].sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom));
  }

  async current(at: Date): Promise<ReferralBodiesInEffect> {
    const data = this.versions.find((v) => Date.parse(v.effectiveFrom) <= at.getTime()) ?? this.versions[this.versions.length - 1];
    return { version: data.version, bodies: data.bodies };
  }
}
