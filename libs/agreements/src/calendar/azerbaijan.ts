import { CalendarYear } from './calendar';
import { addCalendarDays, isWeekend } from './dates';

/**
 * Azerbaijan's non-working days derived from the Labour Code (Art. 105): the fixed holidays, the two days each of
 * Ramazan and Gurban bayram (lunar: their dates are an input, announced each year), and the transfer rule: a
 * holiday on a Saturday or Sunday, or on a day that is already a holiday, gives a day off on the next working day.
 * The Cabinet of Ministers' yearly calendar can move further days; until it is loaded the result is `derived`.
 */
const FIXED_HOLIDAYS: [string, string][] = [
  ['01-01', 'New Year'],
  ['01-02', 'New Year'],
  ['03-08', "International Women's Day"],
  ['03-20', 'Novruz'],
  ['03-21', 'Novruz'],
  ['03-22', 'Novruz'],
  ['03-23', 'Novruz'],
  ['03-24', 'Novruz'],
  ['05-09', 'Victory over Fascism Day'],
  ['05-28', 'Independence Day'],
  ['06-15', 'National Salvation Day'],
  ['06-26', 'Armed Forces Day'],
  ['11-08', 'Victory Day'],
  ['11-09', 'State Flag Day'],
  ['12-31', 'Day of Solidarity of World Azerbaijanis'],
];

export interface LunarHolidays {
  ramazan: [string, string];
  gurban: [string, string];
}

export function deriveAzerbaijanCalendar(year: number, lunar: LunarHolidays, source: string): CalendarYear {
  const holidays: { date: string; name: string }[] = [
    ...FIXED_HOLIDAYS.map(([md, name]) => ({ date: `${year}-${md}`, name })),
    ...lunar.ramazan.map((date) => ({ date, name: 'Ramazan bayram' })),
    ...lunar.gurban.map((date) => ({ date, name: 'Gurban bayram' })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  const off = new Map<string, string>();
  const transfers: { from: string; name: string }[] = [];
  for (const h of holidays) {
    if (isWeekend(h.date) || off.has(h.date)) transfers.push({ from: h.date, name: h.name });
    else off.set(h.date, h.name);
  }
  for (const t of transfers) {
    let day = addCalendarDays(t.from, 1);
    while (isWeekend(day) || off.has(day) || holidays.some((h) => h.date === day)) day = addCalendarDays(day, 1);
    off.set(day, `${t.name} (transferred from ${t.from})`);
  }
  const nonWorkingDays = [...off.entries()]
    .filter(([date]) => date.startsWith(String(year)))
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { country: 'AZ', year, status: 'derived', source, nonWorkingDays, workingDays: [] };
}
