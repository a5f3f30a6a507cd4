import type { ApplicantPerson, MatchCandidate, MatchThresholds, RegistryPerson } from '@readmission/identity';

/**
 * The citizen registry as verification sees it (a port; adapters in infrastructure/registry: `BuiltInRegistry`,
 * `HttpRegistry`, chosen by REGISTRY_ADAPTER).
 *
 * Failures: a failure that may pass (timeout, HTTP 5xx, connection refused, store unreachable) is thrown as a
 * plain `Error`, which the messaging layer retries as transient and finally dead-letters. A misconfiguration
 * (unknown adapter, missing or malformed URL) throws when the module is built, so the service does not start.
 */
export interface CitizenRegistry {
  /** Where the answers come from, for the record of a decision (e.g. `builtin:registry-persons`). */
  readonly source: string;
  /**
   * Registry records that may be this person, scored with libs/identity `matchPerson`: best first, each with
   * its verdict (`match` | `possible`) and explanation; records under the review threshold are left out.
   */
  findCandidates(person: ApplicantPerson, thresholds?: Partial<MatchThresholds>): Promise<MatchCandidate[]>;
  /** Records holding a document of this type with this number (numbers compared normalised: `c 0123-4567` = `C01234567`). */
  findDocumentHolders(type: string, number: string): Promise<RegistryPerson[]>;
}

/** Injection token of the configured `CitizenRegistry`. */
export const CITIZEN_REGISTRY = Symbol('CITIZEN_REGISTRY');
