import { PersonArrivedV1 } from '@readmission/contracts';
import { CaseStatus, HistoryEntry } from './reintegration-case';

/** Only nationals get a reintegration case; third-country nationals and stateless persons count in the timeline only. */
export const opensCase = (arrival: PersonArrivedV1): boolean => arrival.category === 'national';

/** The facts of a new case, from the handover: flags, the person and family, and the assistance shared with consent. */
export function newCase(a: PersonArrivedV1, openedAt: Date) {
  const minor = a.unaccompaniedMinor;
  const opened: HistoryEntry = {
    at: openedAt,
    event: 'opened',
    by: 'system',
    details: { transferReference: a.transferReference, unaccompaniedMinor: minor, familyMembers: a.family.length },
  };
  return {
    _id: a.caseNumber,
    partnerCode: a.partnerCode,
    partnerReference: a.partnerReference,
    transferReference: a.transferReference,
    // An unaccompanied minor's case waits for a guardian or child protection body before any work.
    status: (minor ? 'awaiting-guardian' : 'open') as CaseStatus,
    arrivedAt: new Date(a.arrivedAt),
    openedAt,
    borderCrossingPoint: a.borderCrossingPoint,
    person: { ...a.person } as Record<string, unknown>,
    family: a.family.map((f) => ({ ...f }) as Record<string, unknown>),
    familyArrivedTogether: a.family.length > 0,
    assistance: a.assistance?.consentGiven ? ({ ...a.assistance } as Record<string, unknown>) : undefined,
    // The need is known even without consent; its details travel only with consent.
    assistanceNeeded: Boolean(a.assistanceNeeded ?? (a.assistance?.consentGiven && a.assistance.needed)),
    unaccompaniedMinor: minor,
    consents: [],
    plan: [],
    appliedIds: [],
    history: [opened],
  };
}
