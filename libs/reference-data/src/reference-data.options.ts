import { REFERENCE_DATA_TOPIC } from '@readmission/contracts';
import { Kind } from './domain/kinds';

export interface ReferenceDataOptions {
  /** How long an instance trusts its copy before reading the store again: REFERENCE_DATA_REFRESH_MS of the settings. */
  refreshMs: number;
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

export function resolveOptions(kinds: readonly Kind[], options: ReferenceDataOptions): ResolvedReferenceDataOptions {
  if (!Number.isInteger(options.refreshMs) || options.refreshMs < 0)
    throw new Error(`reference data refreshMs must be a whole number of milliseconds, not ${options.refreshMs}`);
  return { refreshMs: options.refreshMs, topic: options.topic ?? REFERENCE_DATA_TOPIC, kinds };
}
