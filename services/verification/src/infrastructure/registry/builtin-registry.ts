import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  ApplicantPerson,
  findDocumentHolders as holdersAmong,
  MatchCandidate,
  MatchThresholds,
  matchPerson,
  normaliseDocumentNumber,
  RegistryPerson,
} from '@readmission/identity';
import { applicantBlockingKeys } from './blocking-keys';
import { CitizenRegistry } from '../../application/citizen-registry';
import { REGISTRY_PERSONS_COLLECTION, RegistryPersonRecord, openRecords, registryFilter, toCitizenRecord } from './registry-person.schema';

/** Fields read for scoring (the derived search fields are not needed). */
const PERSON_FIELDS = 'surname givenNames patronymic sex dateOfBirth placeOfBirth previousSurnames documents citizenship';

/**
 * The citizen registry kept in the verification database (collection `registry-persons`, filled by
 * `npm run registry:import`).
 *
 * Candidates: the applicant's blocking keys (blocking-keys.ts: any two of surname, given name and date of
 * birth agreeing at skeleton level, or full date and sex) select the records through the `blockingKeys`
 * index (blind indexes of the keys: the stored keys are never in clear), one query, never a scan of the collection; libs/identity `matchPerson` then scores them and drops
 * those under the review threshold. Document holders: by normalised number through the `documentNumbers`
 * index, then the type compared as libs/identity does.
 *
 * Store failures (no connection, timeouts) surface as the driver's errors: plain errors, retried by the
 * messaging layer.
 */
@Injectable()
export class BuiltInRegistry implements CitizenRegistry {
  readonly source = `builtin:${REGISTRY_PERSONS_COLLECTION}`;

  constructor(@InjectModel(RegistryPersonRecord.name) private readonly persons: Model<RegistryPersonRecord>) {}

  async findCandidates(person: ApplicantPerson, thresholds?: Partial<MatchThresholds>): Promise<MatchCandidate[]> {
    const keys = applicantBlockingKeys(person);
    if (keys.length === 0) return [];
    const docs = await this.persons
      .find(await registryFilter(this.persons, { blockingKeys: { $in: keys } }))
      .select(PERSON_FIELDS)
      .sort({ _id: 1 }) // deterministic order: matchPerson keeps it for equal scores
      .lean<RegistryPersonRecord[]>()
      .exec();
    return matchPerson(person, (await openRecords(this.persons, docs)).map(toCitizenRecord), thresholds);
  }

  async findDocumentHolders(type: string, number: string): Promise<RegistryPerson[]> {
    const wanted = normaliseDocumentNumber(number);
    if (wanted === '') return [];
    const docs = await this.persons
      .find(await registryFilter(this.persons, { documentNumbers: wanted }))
      .select(PERSON_FIELDS)
      .sort({ _id: 1 })
      .lean<RegistryPersonRecord[]>()
      .exec();
    return holdersAmong(type, number, (await openRecords(this.persons, docs)).map(toCitizenRecord));
  }
}
