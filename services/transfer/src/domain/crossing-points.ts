/** A border crossing point where Azerbaijan receives readmitted persons, and how many persons a day it can take. */
export interface CrossingPoint {
  name: string;
  mode?: 'air' | 'land' | 'sea';
  personsPerDay: number;
}

/** One version of the crossing points: every judgement of a notice records the version it used. */
export interface CrossingPointTable {
  version: string;
  points: Record<string, CrossingPoint>;
  /** Per point, per Baku date (YYYY-MM-DD): persons that day instead of `personsPerDay` (0 = closed). */
  overrides: Record<string, Record<string, number>>;
}

/** Persons the point can take on a Baku date; undefined for an unknown point. */
export function capacityOn(table: Pick<CrossingPointTable, 'points' | 'overrides'>, point: string, date: string): number | undefined {
  const known = table.points[point];
  if (!known) return undefined;
  return table.overrides[point]?.[date] ?? known.personsPerDay;
}
