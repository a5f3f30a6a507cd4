import { Inject, Injectable } from '@nestjs/common';
import { CalendarBook, CalendarYear, Rulebook } from '@readmission/agreements';
import { NotFoundError } from '@readmission/errors';
import { AZERBAIJAN, Kind, KindData } from '../domain/kinds';
import { SHIPPED_VERSIONS } from '../domain/shipped';
import { InEffect, ReferenceDataVersion, byEffectiveFrom, versionId, versionInEffect } from '../domain/version';
import { ReferenceDataRepository } from '../infrastructure/reference-data.repository';
import { REFERENCE_DATA_OPTIONS, ResolvedReferenceDataOptions } from '../reference-data.options';

interface Snapshot {
  /** Per `<kind>:<key>`, oldest first. */
  series: Map<string, ReferenceDataVersion[]>;
  readAt: number;
  rulebooks: Map<string, Rulebook>;
  calendarBooks: Map<string, CalendarBook>;
}

/**
 * The reference data a service reads: the shipped versions plus those in its `reference-data` collection, re-read
 * every `refreshMs`, so a loaded version (a new crossing-point capacity, say) applies without a restart. Every
 * instance reads the same store, so all apply the same version from the same instant.
 */
@Injectable()
export class ReferenceData {
  private snapshot?: Snapshot;
  private reading?: Promise<Snapshot>;

  constructor(
    private readonly store: ReferenceDataRepository,
    @Inject(REFERENCE_DATA_OPTIONS) private readonly options: ResolvedReferenceDataOptions,
  ) {}

  /** The version of `kind` for `key` in effect at `at`: record `version` on every decision that used `data`. */
  async current<K extends Kind>(kind: K, key: string, at: Date): Promise<InEffect<K>> {
    const found = versionInEffect(await this.versions(kind, key), at);
    if (!found) throw new NotFoundError(`no ${kind} ${key} is in effect at ${at.toISOString()}`);
    return { version: found.version, data: found.data };
  }

  /** Every version of a series, oldest first (shipped ones included). */
  async versions<K extends Kind>(kind: K, key: string): Promise<ReferenceDataVersion<K>[]> {
    this.check(kind);
    return ((await this.read()).series.get(`${kind}:${key}`) ?? []) as ReferenceDataVersion<K>[];
  }

  async version<K extends Kind>(kind: K, key: string, version: string): Promise<ReferenceDataVersion<K>> {
    const found = (await this.versions(kind, key)).find((v) => v.version === version);
    if (!found) throw new NotFoundError(`no ${kind} ${key} version ${version}`);
    return found;
  }

  /** The keys a kind has versions for (e.g. every `<country>:<year>` with a calendar). */
  async keys(kind: Kind): Promise<string[]> {
    this.check(kind);
    return [...(await this.read()).series.values()].filter((list) => list[0].kind === kind).map((list) => list[0].key);
  }

  /** The rulebook in effect at an instant (intake judges an application by the one in effect at its receipt). */
  async rulebookAt(at: Date): Promise<Rulebook> {
    const snapshot = await this.read();
    const { version, data } = await this.current('rulebook', AZERBAIJAN, at);
    let rulebook = snapshot.rulebooks.get(version);
    if (!rulebook) snapshot.rulebooks.set(version, (rulebook = Rulebook.from(data)));
    return rulebook;
  }

  /** Every country's calendar as in effect at an instant, for working-day arithmetic (computeDeadline); each names its version in the basis. */
  async calendarBook(at: Date): Promise<CalendarBook> {
    const snapshot = await this.read();
    const years: ReferenceDataVersion<'calendar'>[] = [];
    for (const key of await this.keys('calendar')) {
      const found = versionInEffect(await this.versions('calendar', key), at);
      if (found) years.push(found);
    }
    const id = years.map((y) => versionId(y.kind, y.key, y.version)).join(',');
    let book = snapshot.calendarBooks.get(id);
    if (!book)
      snapshot.calendarBooks.set(id, (book = new CalendarBook(years.map((y) => ({ ...(y.data as CalendarYear), version: y.version })))));
    return book;
  }

  /** Forgets the copy, so that the next read sees a version this instance just stored. */
  invalidate(): void {
    this.snapshot = undefined;
    this.reading = undefined;
  }

  private check(kind: Kind): void {
    if (!this.options.kinds.includes(kind)) throw new Error(`this service does not read ${kind}: add it to ReferenceDataModule.forFeature`);
  }

  private async read(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.readAt < this.options.refreshMs) return this.snapshot;
    // Concurrent callers share one read of the store; a read overtaken by invalidate() is not kept.
    if (!this.reading) {
      const reading: Promise<Snapshot> = this.load().then((snapshot) => {
        if (this.reading === reading) [this.snapshot, this.reading] = [snapshot, undefined];
        return snapshot;
      });
      reading.catch(() => {
        if (this.reading === reading) this.reading = undefined;
      });
      this.reading = reading;
    }
    return this.reading;
  }

  private async load(): Promise<Snapshot> {
    const kinds = [...this.options.kinds];
    const stored = await this.store.find({ kind: { $in: kinds }, version: { $exists: true } });
    const shipped = SHIPPED_VERSIONS.filter((v) => kinds.includes(v.kind));
    const shippedIds = new Set(shipped.map((v) => versionId(v.kind, v.key, v.version)));
    const all: ReferenceDataVersion[] = [
      ...shipped,
      // The build's own files win over a stored copy of the same version.
      ...stored
        .filter((d) => !shippedIds.has(d._id))
        .map((d) => ({
          kind: d.kind as Kind,
          key: d.key,
          version: d.version,
          effectiveFrom: new Date(d.effectiveFrom),
          loadedAt: new Date(d.loadedAt),
          loadedBy: d.loadedBy,
          data: d.data as unknown as KindData[Kind],
        })),
    ].sort(byEffectiveFrom);
    const series = new Map<string, ReferenceDataVersion[]>();
    for (const v of all) series.set(`${v.kind}:${v.key}`, [...(series.get(`${v.kind}:${v.key}`) ?? []), v]);
    return { series, readAt: Date.now(), rulebooks: new Map(), calendarBooks: new Map() };
  }
}
