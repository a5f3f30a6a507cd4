// What a fault-injection run sends as the partners would: applications (accepted on proof: nationals with an
// original, valid Azerbaijani passport, each a different person), then for part of them a transfer notice once
// the travel document is issued, and the border's handover once the transfer is confirmed.
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildPartnerRecord } from '@readmission/contracts';

const ROOT = join(__dirname, '..', '..');

export interface PartnerRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface PlannedApplication {
  reference: string;
  record: PartnerRecord;
  /** Followed by a transfer notice (and a handover) once its travel document is issued. */
  transferred: boolean;
}

export function plannedApplications(run: string, count: number, partner: string, transferShare: number, rnd: () => number) {
  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
  ) as { type: string; value: Record<string, unknown> & { person: Record<string, unknown> } };
  const day = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: count }, (_, i): PlannedApplication => {
    const reference = `FLT-${run}-${String(i + 1).padStart(6, '0')}`;
    // A person of their own (birth date and passport number), so no two applications are about one person.
    const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(rnd() * 40 * 365) * 86_400_000).toISOString().slice(0, 10);
    const passport = {
      type: 'passport',
      form: 'original',
      number: `C${String(i + 1).padStart(8, '0')}`,
      issuingCountry: 'AZ',
      issuedOn: day(-3),
      expiresOn: day(7),
    };
    const value = {
      ...fixture.value,
      partnerReference: reference,
      person: { ...fixture.value.person, dateOfBirth: born },
      evidence: [passport],
    };
    return {
      reference,
      record: buildPartnerRecord({ type: fixture.type, value, source: `urn:authority:${partner.toLowerCase()}:faults` }),
      transferred: rnd() < transferShare,
    };
  });
}

/**
 * A transfer notice for up to three persons, arriving by air at Baku on a day 10 to 50 days ahead (past the
 * advance-notice minimum, spread so that no day's capacity at the crossing point runs out).
 */
export function transferNotice(transferReference: string, references: string[], partner: string, rnd: () => number): PartnerRecord {
  const arrival = new Date(Date.now() + (10 + Math.floor(rnd() * 40)) * 86_400_000).toISOString().slice(0, 10);
  return buildPartnerRecord({
    type: 'readmission.transfer.notified.v1',
    value: {
      transferReference,
      partnerReferences: references,
      plannedArrival: `${arrival}T14:25:00+04:00`,
      borderCrossingPoint: 'GYD',
      transport: { mode: 'air' },
    },
    source: `urn:authority:${partner.toLowerCase()}:faults`,
  });
}
