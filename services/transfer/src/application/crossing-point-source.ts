import { CrossingPointsData } from '@readmission/agreements';

/** The crossing points (and their daily capacity) in effect, and the version that names them. */
export interface CrossingPointsInEffect {
  version: string;
  data: CrossingPointsData;
}

/**
 * Where the crossing points and their daily capacity come from (the port; infrastructure/ has the adapter). Asked at
 * every judgement, so a new version applies without a restart; the judgement records the version it used.
 */
export abstract class CrossingPointSource {
  /** The version in effect at `at` (a notice is judged with the version in effect at its planned arrival). */
  abstract current(at: Date): Promise<CrossingPointsInEffect>;
}
