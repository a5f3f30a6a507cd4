import { ForbiddenError } from '@readmission/errors';

/** Who asks, as the token says (structurally the platform's Caller). */
export interface BorderCaller {
  roles: readonly string[];
  /** Token claim `crossing_points`. */
  crossingPoints?: string[];
}

/** Roles that read every crossing point's transfers and arrivals (officers follow the cases, auditors and oversight check). */
const READ_EVERYWHERE = ['officer', 'auditor', 'oversight', 'admin'];

/**
 * The crossing points whose transfers and arrivals the caller may read: every one (`undefined`) for officers, auditors
 * and oversight; a border officer only those in the token's `crossing_points` claim (none without it).
 */
export function readableCrossingPoints(caller: BorderCaller): string[] | undefined {
  if (caller.roles.some((r) => READ_EVERYWHERE.includes(r))) return undefined;
  return caller.crossingPoints ?? [];
}

/** Refuses a read of a crossing point outside the caller's reach. */
export function assertMayRead(caller: BorderCaller, borderCrossingPoint: string): void {
  const points = readableCrossingPoints(caller);
  if (points && !points.includes(borderCrossingPoint))
    throw new ForbiddenError(`crossing point ${borderCrossingPoint} is not one of yours`, { yours: points });
}

/** Border work (record a person, close a transfer) is done only at the crossing points in the caller's token. */
export function assertMayActAt(caller: BorderCaller, borderCrossingPoint: string): void {
  if (!(caller.crossingPoints ?? []).includes(borderCrossingPoint))
    throw new ForbiddenError(`crossing point ${borderCrossingPoint} is not one of yours`, { yours: caller.crossingPoints ?? [] });
}
