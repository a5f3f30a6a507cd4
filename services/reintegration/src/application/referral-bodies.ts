import { ReferralBody } from '@readmission/agreements';
import { InvalidInputError } from '@readmission/errors';

/** The bodies a case worker can refer to, in the version in effect at an instant. */
export interface ReferralBodiesInEffect {
  version: string;
  bodies: ReferralBody[];
}

/**
 * Where the referral bodies come from (the one place to switch their source): an infrastructure adapter
 * provides it. Bodies change without a restart: every use asks for the version in effect at that instant.
 */
export abstract class ReferralBodies {
  abstract current(at: Date): Promise<ReferralBodiesInEffect>;

  /** One body of the version in effect, and that version; an unknown code is invalid input. */
  async body(code: string, at: Date): Promise<{ version: string; body: ReferralBody }> {
    const inEffect = await this.current(at);
    const body = inEffect.bodies.find((b) => b.code === code);
    if (!body)
      throw new InvalidInputError(`unknown body ${code}`, [
        { path: 'bodyCode', message: `not a body of referral bodies ${inEffect.version}` },
      ]);
    return { version: inEffect.version, body };
  }
}
