import { Inject, Injectable, Logger } from '@nestjs/common';
import { ReferenceDataVersionV1 } from '@readmission/contracts';
import { ConflictError, InvalidInputError } from '@readmission/errors';
import { fingerprintOf } from '@readmission/persistence';
import { KIND_RULES, KindData, isKind, problemsByPath } from '../domain/kinds';
import { versionId } from '../domain/version';
import { ReferenceDataRepository } from '../infrastructure/reference-data.repository';
import { REFERENCE_DATA_OPTIONS, ResolvedReferenceDataOptions } from '../reference-data.options';
import { ReferenceData } from './reference-data';

export type KeepOutcome = 'kept' | 'known' | 'not-read-here';

/**
 * A service keeps a version it read from the reference-data topic in its own store, once: the record id is the
 * version's id, so a redelivery (or the compacted topic read again from the start) inserts nothing. The document
 * is validated again by its kind: a service never applies what it could not have loaded itself.
 */
@Injectable()
export class KeepReferenceDataVersion {
  private readonly logger = new Logger(KeepReferenceDataVersion.name);

  constructor(
    private readonly store: ReferenceDataRepository,
    private readonly referenceData: ReferenceData,
    @Inject(REFERENCE_DATA_OPTIONS) private readonly options: ResolvedReferenceDataOptions,
  ) {}

  async execute(published: ReferenceDataVersionV1): Promise<KeepOutcome> {
    const { kind, key, version } = published;
    if (!isKind(kind) || !this.options.kinds.includes(kind)) return 'not-read-here';
    const rules = KIND_RULES[kind];
    const errors = rules.validate(published.data);
    if (errors.length) throw new InvalidInputError(`${published.id} is invalid`, problemsByPath(errors));
    const data = published.data as unknown as KindData[typeof kind];
    const named = {
      key: rules.keyOf(data as never),
      version: rules.versionOf?.(data as never) ?? version,
      effectiveFrom: rules.effectiveFromOf?.(data as never),
    };
    const effectiveFrom = new Date(published.effectiveFrom);
    if (
      published.id !== versionId(kind, key, version) ||
      named.key !== key ||
      named.version !== version ||
      (named.effectiveFrom && new Date(named.effectiveFrom).getTime() !== effectiveFrom.getTime())
    ) {
      throw new InvalidInputError(`${published.id} does not match its document (${kind} ${named.key} version ${named.version})`);
    }
    const doc = {
      _id: published.id,
      kind,
      key,
      version,
      effectiveFrom,
      loadedAt: new Date(published.loadedAt),
      loadedBy: published.loadedBy,
      data: published.data,
    };
    if (!(await this.store.insertOnce(doc))) {
      const existing = await this.store.findById(published.id);
      if (existing && fingerprintOf(existing.data) !== fingerprintOf(published.data))
        throw new ConflictError(`${published.id} arrived with other content than the version kept: versions are immutable`);
      return 'known';
    }
    this.referenceData.invalidate();
    this.logger.log(`${kind} ${key} version ${version} kept (loaded by ${published.loadedBy}, effective from ${published.effectiveFrom})`);
    return 'kept';
  }
}
