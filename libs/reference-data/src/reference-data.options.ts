import { REFERENCE_DATA_TOPIC } from '@readmission/contracts';
import { Kind } from './domain/kinds';

export interface ReferenceDataOptions {
  /** How long an instance trusts its copy before reading the store again; default REFERENCE_DATA_REFRESH_MS (PlatformSettings). */
  refreshMs?: number;
  /** The topic versions travel on (tests give their own, so that no other run sees them). */
  topic?: string;
}

export interface ResolvedReferenceDataOptions {
  refreshMs: number;
  topic: string;
  /** The kinds this service reads (the others are neither kept nor read). */
  kinds: readonly Kind[];
}

export const REFERENCE_DATA_OPTIONS = Symbol('REFERENCE_DATA_OPTIONS');

export function resolveOptions(
  kinds: readonly Kind[],
  { refreshMs, topic }: ReferenceDataOptions & { refreshMs: number },
): ResolvedReferenceDataOptions {
  if (!Number.isInteger(refreshMs) || refreshMs < 0)
    throw new Error(`reference data refreshMs must be a whole number of milliseconds, not ${refreshMs}`);
  return { refreshMs, topic: topic ?? REFERENCE_DATA_TOPIC, kinds };
}
