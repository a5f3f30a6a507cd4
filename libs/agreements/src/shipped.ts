import { CalendarYear } from './calendar/calendar';
import { RulebookData } from './rulebook/types';
import AZ_2025 from '../data/calendars/AZ-2025.json';
import AZ_2026 from '../data/calendars/AZ-2026.json';
import AZ_2027 from '../data/calendars/AZ-2027.json';
import RULEBOOK_2026_1 from '../data/rulebooks/2026.1.json';

/**
 * The rulebooks and calendars shipped with the platform (data files, imported so that they travel with the
 * build). Operators load newer ones at run time; these are the floor every instance starts from.
 */
export const SHIPPED_RULEBOOKS: RulebookData[] = [RULEBOOK_2026_1 as RulebookData];

export const SHIPPED_CALENDARS: CalendarYear[] = [AZ_2025, AZ_2026, AZ_2027] as CalendarYear[];
