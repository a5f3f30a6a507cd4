/**
 * What transfer's and intake's endpoints of the other procedures return (transits, readmission by mistake,
 * Azerbaijan's departures; the cost ledger's are described: ./generated/transfer): their OpenAPI documents describe the request bodies, not these responses yet, so
 * they are read as documented in services/transfer/README.md and services/intake/README.md.
 */
import type { Person } from './types';

export interface RuleValue<T> {
  value: T;
  unit?: string;
  from?: string;
  status: string;
  source: string;
}

export interface Transit {
  _id: string;
  partnerCode: string;
  transitReference: string;
  agreement: string;
  rulebookVersion: string;
  transitRules: { reply: RuleValue<number>; consentValidity: RuleValue<number>; refusalGrounds: RuleValue<string[]> };
  receivedAt: string;
  replyDueBy: string;
  replyRule: string;
  replyOverdue: boolean;
  pointOfEntry: string;
  transferAt: string;
  status: string;
  request: {
    transitType: string;
    otherTransitStates: string[];
    finalDestination: string;
    person: Person;
    requestingAuthority: { name: string; email?: string; phone?: string };
    transport?: { mode: string; carrier?: string; flightNumber?: string };
    escorts: { surname: string; givenNames: string; role: string }[];
  };
  decision?: {
    decision: 'consented' | 'refused';
    decidedAt: string;
    by: string;
    basis: string;
    consentValidUntil?: string;
    refusalGround?: string;
    grounds?: string;
  };
  consentValidUntil?: string;
  revocation?: { ground: string; grounds: string; basis: string; at: string; by: string };
  border: { event: string; crossingPoint: string; at: string; by: string; note?: string }[];
  history: { at: string; event: string; by: string }[];
}

export interface MistakeReturn {
  _id: string;
  partnerCode: string;
  partnerReference: string;
  agreement: string;
  category: string;
  transferId: string;
  handedOverOn: string;
  status: string;
  period: { dueDate: string; dueBy: string; rule: string; rulebookVersion?: string };
  grounds?: string;
  evidence?: { kind: string; description: string }[];
  requestedBy: string;
  requestedAt: string;
  answer?: { answer: 'accepted' | 'refused'; grounds?: string; note?: string; receivedAt: string };
  return?: { outcome: 'returned' | 'not-returned'; borderCrossingPoint: string; note?: string; recordedBy: string; recordedAt: string };
}

/** An outgoing transfer the border officer hands over at a departure crossing point of theirs. */
export interface Departure {
  requestNumber: string;
  partnerCode: string;
  person: Person;
  transfer: {
    transferReference: string;
    plannedDeparture: string;
    plannedArrival: string;
    borderCrossingPoint: string;
    departureCrossingPoint: string;
  };
}
