import { readFileSync } from 'fs';
import shipped from './crossing-points.json';

export interface CrossingPoint {
  name: string;
  mode: 'air' | 'land' | 'sea';
  personsPerDay: number;
}

export interface CrossingPointConfig {
  points: Record<string, CrossingPoint>;
  /** Per point, per Baku date (YYYY-MM-DD): persons that day instead of `personsPerDay` (0 = closed). */
  overrides: Record<string, Record<string, number>>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The crossing points and their daily capacity: the file shipped beside this module, or the file named by
 * TRANSFER_CROSSING_POINTS_FILE, plus date overrides from TRANSFER_CAPACITY_OVERRIDES. Validated at boot: a bad
 * value stops the service with a message rather than silently booking against a wrong capacity.
 */
export function loadCrossingPoints(env: NodeJS.ProcessEnv = process.env): CrossingPointConfig {
  const raw = env.TRANSFER_CROSSING_POINTS_FILE ? JSON.parse(readFileSync(env.TRANSFER_CROSSING_POINTS_FILE, 'utf8')) : shipped;
  const config: CrossingPointConfig = { points: { ...raw.points }, overrides: {} };
  const extra = env.TRANSFER_CAPACITY_OVERRIDES ? (JSON.parse(env.TRANSFER_CAPACITY_OVERRIDES) as Record<string, Record<string, number>>) : {};
  for (const source of [raw.overrides ?? {}, extra]) {
    for (const [point, days] of Object.entries(source as Record<string, Record<string, number>>)) config.overrides[point] = { ...config.overrides[point], ...days };
  }
  const errors: string[] = [];
  for (const [code, p] of Object.entries(config.points)) {
    if (!/^[A-Z0-9-]{2,16}$/.test(code)) errors.push(`point code "${code}" must match [A-Z0-9-]{2,16}`);
    if (!['air', 'land', 'sea'].includes(p.mode)) errors.push(`${code}.mode must be air, land or sea`);
    if (!Number.isInteger(p.personsPerDay) || p.personsPerDay < 0) errors.push(`${code}.personsPerDay must be a whole number ≥ 0`);
  }
  for (const [code, days] of Object.entries(config.overrides)) {
    if (!config.points[code]) errors.push(`override for unknown point ${code}`);
    for (const [date, n] of Object.entries(days)) if (!DATE.test(date) || !Number.isInteger(n) || n < 0) errors.push(`override ${code} ${date}=${n}: a date and a whole number ≥ 0`);
  }
  if (errors.length) throw new Error(`crossing point configuration is invalid:\n  ${errors.join('\n  ')}`);
  return config;
}

/** Persons the point can take on a Baku date; undefined for an unknown point. */
export function capacityOn(config: CrossingPointConfig, point: string, date: string): number | undefined {
  const known = config.points[point];
  if (!known) return undefined;
  return config.overrides[point]?.[date] ?? known.personsPerDay;
}
