import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { CrossingPointSource } from '../application/crossing-point-source';
import { CrossingPointTable } from '../domain/crossing-points';
import shipped from './crossing-points.json';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The crossing points and their daily capacity: the file shipped beside this module, or the file named by
 * TRANSFER_CROSSING_POINTS_FILE, plus date overrides from TRANSFER_CAPACITY_OVERRIDES. Validated at boot: a bad
 * value stops the service with a message rather than silently booking against a wrong capacity. The version is
 * the content's hash, so a judgement can say which table it used.
 */
export function loadCrossingPoints(env: NodeJS.ProcessEnv = process.env): CrossingPointTable {
  const raw = env.TRANSFER_CROSSING_POINTS_FILE ? JSON.parse(readFileSync(env.TRANSFER_CROSSING_POINTS_FILE, 'utf8')) : shipped;
  const table: Omit<CrossingPointTable, 'version'> = { points: { ...raw.points }, overrides: {} };
  const extra = env.TRANSFER_CAPACITY_OVERRIDES ? (JSON.parse(env.TRANSFER_CAPACITY_OVERRIDES) as Record<string, Record<string, number>>) : {};
  for (const source of [raw.overrides ?? {}, extra]) {
    for (const [point, days] of Object.entries(source as Record<string, Record<string, number>>)) table.overrides[point] = { ...table.overrides[point], ...days };
  }
  const errors: string[] = [];
  for (const [code, p] of Object.entries(table.points)) {
    if (!/^[A-Z0-9-]{2,16}$/.test(code)) errors.push(`point code "${code}" must match [A-Z0-9-]{2,16}`);
    if (!['air', 'land', 'sea'].includes(p.mode as string)) errors.push(`${code}.mode must be air, land or sea`);
    if (!Number.isInteger(p.personsPerDay) || p.personsPerDay < 0) errors.push(`${code}.personsPerDay must be a whole number ≥ 0`);
  }
  for (const [code, days] of Object.entries(table.overrides)) {
    if (!table.points[code]) errors.push(`override for unknown point ${code}`);
    for (const [date, n] of Object.entries(days)) if (!DATE.test(date) || !Number.isInteger(n) || n < 0) errors.push(`override ${code} ${date}=${n}: a date and a whole number ≥ 0`);
  }
  if (errors.length) throw new Error(`crossing point configuration is invalid:\n  ${errors.join('\n  ')}`);
  const version = `file:${createHash('sha256').update(JSON.stringify(table)).digest('hex').slice(0, 12)}`;
  return { version, ...table };
}

/** The file-based crossing points, read once at boot (until the shared reference data carries them). */
export class FileCrossingPointSource extends CrossingPointSource {
  constructor(private readonly table: CrossingPointTable) {
    super();
  }

  current(): Promise<CrossingPointTable> {
    return Promise.resolve(this.table);
  }
}
