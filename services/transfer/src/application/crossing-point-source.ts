import { CrossingPointTable } from '../domain/crossing-points';

/**
 * Where the crossing points and their daily capacity come from (the port; infrastructure/ has the adapter). Asked at
 * every judgement, so a new version applies without a restart; the judgement records the version it used.
 */
export abstract class CrossingPointSource {
  abstract current(at: Date): Promise<CrossingPointTable>;
}
