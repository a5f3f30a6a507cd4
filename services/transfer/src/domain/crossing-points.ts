import { CrossingPointsData } from '@readmission/agreements';

/** The crossing points (and their daily capacity) a notice is judged with, and the version that names them. */
export interface CrossingPointsInEffect {
  version: string;
  data: CrossingPointsData;
}
