import { NotFoundError } from '@readmission/errors';
import { Stored } from '@readmission/persistence';
import { TransitState } from '../domain/transit';
import { Transit } from '../infrastructure/transit.schema';
import { Transits } from '../infrastructure/transits.repository';

/** A transit's id: `<partner>:<transitReference>`. */
export const transitId = (partnerCode: string, transitReference: string): string => `${partnerCode}:${transitReference}`;

/** One transit, or 404. */
export async function findTransit(transits: Transits, partnerCode: string, transitReference: string): Promise<Stored<Transit>> {
  const found = await transits.findById(transitId(partnerCode, transitReference));
  if (!found) throw new NotFoundError(`no transit ${transitReference} requested by ${partnerCode}`);
  return found;
}

/** What the domain rules read of a stored transit. */
export function transitState(t: Stored<Transit>): TransitState {
  return {
    agreement: t.agreement,
    status: t.status,
    transitRules: t.transitRules,
    pointOfEntry: t.pointOfEntry,
    decidedAt: t.decision?.decidedAt ? new Date(t.decision.decidedAt) : undefined,
    consentValidUntil: t.consentValidUntil ? new Date(t.consentValidUntil) : undefined,
    revokedAt: t.revokedAt ? new Date(t.revokedAt) : undefined,
  };
}
