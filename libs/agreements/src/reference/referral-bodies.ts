import { Period } from '../deadlines';
import { JsonChecks } from './json-checks';

export const REFERRAL_BODY_TYPES = ['ministry', 'local-authority', 'programme', 'international-organisation', 'civil-society'] as const;
export type ReferralBodyType = (typeof REFERRAL_BODY_TYPES)[number];

/** Units a body's time is counted in (Azerbaijan's working days by its official calendar, or every day, or months). */
export const REFERRAL_PERIOD_UNITS = ['calendar-days', 'working-days', 'months'] as const;
export type ReferralPeriodUnit = (typeof REFERRAL_PERIOD_UNITS)[number];

/** How long a body has to complete or decline a referral: a Period of the deadline calculator, run from the referral. */
export type ReferralPeriod = Period & { unit: ReferralPeriodUnit };

/** A body of the Reintegration Working Group or a programme partner a case worker can refer a returnee to. */
export interface ReferralBody {
  /** Recorded on each referral, e.g. MOH. */
  code: string;
  name: string;
  type: ReferralBodyType;
  deadline: ReferralPeriod;
}

/** One version of the referral bodies, as an operator loads it and as shipped. */
export interface ReferralBodiesData {
  version: string;
  /** When this version starts to apply (RFC 3339): referrals sent from then on use it. */
  effectiveFrom: string;
  description: string;
  bodies: ReferralBody[];
}

/** Checks a referral-bodies version before it may take effect; every problem with its JSON path, empty when valid. */
export function validateReferralBodies(input: unknown): string[] {
  const c = new JsonChecks();
  if (!c.obj(input)) return ['$: the referral bodies must be a JSON object'];
  c.header(input);
  c.closed(input, '$', ['version', 'effectiveFrom', 'description', 'bodies']);
  if (!Array.isArray(input.bodies) || input.bodies.length === 0) {
    c.err('$.bodies', 'a non-empty list');
    return c.errors;
  }
  const codes = new Set<string>();
  input.bodies.forEach((b: unknown, i: number) => {
    const path = `$.bodies[${i}]`;
    if (!c.obj(b)) return c.err(path, 'an object');
    c.closed(b, path, ['code', 'name', 'type', 'deadline']);
    if (typeof b.code !== 'string' || !/^[A-Z][A-Z0-9-]{1,15}$/.test(b.code))
      c.err(`${path}.code`, 'an upper-case letter, then letters, digits or "-", 2 to 16');
    else if (codes.has(b.code)) c.err(`${path}.code`, `${b.code} is listed twice`);
    else codes.add(b.code);
    c.text(b.name, `${path}.name`);
    if (!REFERRAL_BODY_TYPES.includes(b.type as never)) c.err(`${path}.type`, `one of ${REFERRAL_BODY_TYPES.join(', ')}`);
    const deadline = `${path}.deadline`;
    if (
      c.ruleValue(b.deadline, deadline, (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'a whole number of at least 1'))
    ) {
      c.closed(b.deadline, deadline, ['value', 'unit', 'from', 'status', 'source']);
      if (!REFERRAL_PERIOD_UNITS.includes(b.deadline.unit as never))
        c.err(`${deadline}.unit`, `one of ${REFERRAL_PERIOD_UNITS.join(', ')}`);
      if (b.deadline.from !== undefined) c.text(b.deadline.from, `${deadline}.from`);
    }
  });
  return c.errors;
}

export function referralBody(data: ReferralBodiesData, code: string): ReferralBody | undefined {
  return data.bodies.find((b) => b.code === code);
}
