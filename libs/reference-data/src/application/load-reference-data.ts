import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidInputError } from '@readmission/errors';
import { Clock } from '@readmission/platform';
import { KIND_RULES, Kind, KindData, problemsByPath } from '../domain/kinds';
import { SHIPPED_VERSIONS } from '../domain/shipped';
import { ReferenceDataVersion, versionId } from '../domain/version';
import { referenceDataRecord } from '../infrastructure/reference-data.record';
import { ReferenceDataRepository } from '../infrastructure/reference-data.repository';
import { REFERENCE_DATA_OPTIONS, ResolvedReferenceDataOptions } from '../reference-data.options';
import { ReferenceData } from './reference-data';

/**
 * An operator loads a version (intake's admin API): validated whole, then stored together with its record to
 * the reference-data topic in the same write (the outbox), so that every service gets it even if this process
 * stops right after the write. A version names its start (`effectiveFrom`), which must lie far enough ahead for
 * every instance to have read it first; a calendar names none and applies from its load, as it always did.
 */
@Injectable()
export class LoadReferenceData {
  private readonly logger = new Logger(LoadReferenceData.name);

  constructor(
    private readonly store: ReferenceDataRepository,
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
    @Inject(REFERENCE_DATA_OPTIONS) private readonly options: ResolvedReferenceDataOptions,
  ) {}

  async execute<K extends Kind>(kind: K, input: unknown, loadedBy: string): Promise<ReferenceDataVersion<K>> {
    const rules = KIND_RULES[kind];
    const errors = rules.validate(input);
    if (errors.length) throw new InvalidInputError(`the ${kind} is invalid`, problemsByPath(errors));
    const data = input as KindData[K];
    const key = rules.keyOf(data);
    const now = this.clock.now();
    const named = rules.effectiveFromOf?.(data);
    const effectiveFrom = named ? new Date(named) : now;
    // Twice the refresh interval: by then every instance has read the version from its store.
    const leadMs = 2 * this.options.refreshMs;
    if (named && effectiveFrom.getTime() < now.getTime() + leadMs) {
      throw new InvalidInputError(
        `effectiveFrom must be at least ${leadMs / 1000} s ahead: a version never changes how what was already received was judged`,
        [{ path: '$.effectiveFrom', message: `at least ${leadMs / 1000} s ahead of now` }],
      );
    }
    const version = rules.versionOf?.(data) ?? (await this.nextNumber(kind, key));
    const loaded: ReferenceDataVersion<K> = { kind, key, version, effectiveFrom, loadedAt: now, loadedBy, data };
    const id = versionId(kind, key, version);
    const exists = () => new ConflictError(`${kind} ${key} version ${version} exists already; versions are immutable, load a new version`);
    if (SHIPPED_VERSIONS.some((v) => versionId(v.kind, v.key, v.version) === id)) throw exists();
    const stored = {
      _id: id,
      kind,
      key,
      version,
      effectiveFrom,
      loadedAt: now,
      loadedBy,
      data: data as unknown as Record<string, unknown>,
    };
    if (!(await this.store.insertOnce(stored, [referenceDataRecord(loaded, this.options.topic)]))) throw exists();
    this.referenceData.invalidate();
    this.logger.log(`${kind} ${key} version ${version} loaded by ${loadedBy}, effective from ${effectiveFrom.toISOString()}`);
    return loaded;
  }

  /** A calendar's versions are numbered 1, 2, ... per country and year. */
  private async nextNumber(kind: Kind, key: string): Promise<string> {
    const numbers = (await this.store.find({ kind, key }, { projection: { version: 1 } }))
      .map((d) => Number(d.version))
      .filter(Number.isInteger);
    return String(Math.max(0, ...numbers) + 1);
  }
}
