import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@readmission/platform';
import { KIND_RULES, Kind, KindData } from '../domain/kinds';
import { ReferenceDataVersion, versionId } from '../domain/version';
import { referenceDataRecord } from '../infrastructure/reference-data.record';
import { LegacyReferenceData, ReferenceDataRepository } from '../infrastructure/reference-data.repository';
import { REFERENCE_DATA_OPTIONS, ResolvedReferenceDataOptions } from '../reference-data.options';
import { ReferenceData } from './reference-data';

/**
 * Intake's `reference-data` collection before versions: `rulebook:<version>` and `calendar:<country>:<year>`, a
 * calendar replaced in place with its earlier contents in `previous`. At start each becomes versions (a calendar's
 * contents numbered 1, 2, ... in the order loaded, each applying from its load), written with their records in the
 * outbox so that every service learns them, then the old document goes. Re-run after a crash, it repeats nothing.
 */
@Injectable()
export class AdoptLegacyReferenceData implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdoptLegacyReferenceData.name);

  constructor(
    private readonly store: ReferenceDataRepository,
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
    @Inject(REFERENCE_DATA_OPTIONS) private readonly options: ResolvedReferenceDataOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const legacy of await this.store.legacy()) await this.adopt(legacy);
  }

  private async adopt(legacy: LegacyReferenceData): Promise<void> {
    const kind = legacy.kind as Kind;
    const loads = [...(legacy.previous ?? []), { data: legacy.data, loadedAt: legacy.loadedAt, loadedBy: legacy.loadedBy }];
    const problems = loads.flatMap((l) => KIND_RULES[kind]?.validate(l.data) ?? [`${kind} is not a kind of reference data`]);
    if (problems.length) return void this.logger.error(`${legacy._id} left as it is, not valid: ${problems.join('; ')}`);
    for (const [i, load] of loads.entries()) {
      const data = load.data as unknown as KindData[typeof kind];
      const rules = KIND_RULES[kind];
      const loadedAt = new Date(load.loadedAt ?? this.clock.now());
      const version: ReferenceDataVersion = {
        kind,
        key: rules.keyOf(data as never),
        version: rules.versionOf?.(data as never) ?? String(i + 1),
        effectiveFrom: new Date(rules.effectiveFromOf?.(data as never) ?? loadedAt),
        loadedAt,
        loadedBy: load.loadedBy ?? 'unknown',
        data,
      };
      const id = versionId(version.kind, version.key, version.version);
      const doc = { _id: id, ...version, data: load.data };
      await this.store.insertOnce(doc, [referenceDataRecord(version, this.options.topic)]);
    }
    await this.store.removeLegacy(legacy._id);
    this.referenceData.invalidate();
    this.logger.log(`${legacy._id} adopted as ${loads.length} version(s)`);
  }
}
