import { CalendarYear } from './calendar/calendar';
import { CrossingPointsData } from './reference/crossing-points';
import { ReferralBodiesData } from './reference/referral-bodies';
import { RulebookData } from './rulebook/types';
import AZ_2025 from '../data/calendars/AZ-2025.json';
import AZ_2026 from '../data/calendars/AZ-2026.json';
import AZ_2027 from '../data/calendars/AZ-2027.json';
import RULEBOOK_2026_1 from '../data/rulebooks/2026.1.json';
import RULEBOOK_2026_2 from '../data/rulebooks/2026.2.json';
import RULEBOOK_2026_3 from '../data/rulebooks/2026.3.json';
import CROSSING_POINTS_2026_1 from '../data/crossing-points/2026.1.json';
import REFERRAL_BODIES_2026_1 from '../data/referral-bodies/2026.1.json';

/**
 * The reference data shipped with the platform: rulebooks, calendars, crossing points and referral bodies (data
 * files, imported so that they travel with the build). Operators load newer versions at run time
 * (libs/reference-data); these are the floor every instance starts from.
 */
/**
 * Every rulebook version shipped, **newest first** (`SHIPPED_RULEBOOKS[0]` is the one new applications get). A shipped
 * version never changes once shipped (cases registered under it keep its meaning): a change is a new version with its
 * own `effectiveFrom`, and shipped.spec.ts pins each file by its digest. docs/rules.md#rulebook-versions.
 */
export const SHIPPED_RULEBOOKS: RulebookData[] = [
  RULEBOOK_2026_3 as RulebookData,
  RULEBOOK_2026_2 as RulebookData,
  RULEBOOK_2026_1 as RulebookData,
];

export const SHIPPED_CALENDARS: CalendarYear[] = [AZ_2025, AZ_2026, AZ_2027] as CalendarYear[];

export const SHIPPED_CROSSING_POINTS: CrossingPointsData[] = [CROSSING_POINTS_2026_1 as CrossingPointsData];

export const SHIPPED_REFERRAL_BODIES: ReferralBodiesData[] = [REFERRAL_BODIES_2026_1 as ReferralBodiesData];
