import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { AuditTrail } from '../audit/audit-trail';
import { Clock } from '../clock';
import { PeriodicSweep } from '../periodic-sweep';
import { PlatformSettings } from '../settings/platform-settings';
import { LegalHolds } from './legal-holds';

/**
 * One kind of personal data with its retention period (a setting of the service) and what happens when it is due:
 * deleted, or anonymised so that what the statistics count (statuses, dates, outcomes, scores) stays.
 */
export interface RetentionRule {
  /** e.g. `closed-reintegration-cases`: named in the audit trail and the metric. */
  kind: string;
  /** How long after its reference date (closure, completion, decision) the data is kept. */
  retentionMs: number;
  /** Records due at `cutoff` (reference date before it, not purged yet), oldest first, at most `limit`. */
  due(cutoff: Date, limit: number): Promise<{ id: string; subject: string }[]>;
  /** Deletes or anonymises one record; idempotent (a second call changes nothing). */
  purge(id: string, at: Date): Promise<void>;
}

export interface RetentionRun {
  kind: string;
  purged: number;
  /** Due, but under legal hold: left as they are. */
  held: number;
}

const purgedTotal =
  (register.getSingleMetric('personal_data_purged_total') as Counter<'kind'>) ??
  new Counter({
    name: 'personal_data_purged_total',
    help: 'Records whose personal data the retention sweep deleted or anonymised, per kind.',
    labelNames: ['kind'],
  });

/**
 * Applies retention rules: every due record that is not under legal hold is recorded in the audit trail (identifiers
 * only: kind, record id, case number) and then purged. The audit entry's id is `purge:<kind>:<id>`, written once, before
 * the purge: a crash in between purges on the next run without a second entry (resumable), and a record purged is
 * no longer due.
 */
@Injectable()
export class RetentionSweeper {
  private readonly logger = new Logger(RetentionSweeper.name);

  constructor(
    private readonly holds: LegalHolds,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async run(rules: RetentionRule[], batch = 200): Promise<RetentionRun[]> {
    const runs: RetentionRun[] = [];
    for (const rule of rules) {
      const now = this.clock.now();
      const run: RetentionRun = { kind: rule.kind, purged: 0, held: 0 };
      const due = await rule.due(new Date(now.getTime() - rule.retentionMs), batch);
      const held = await this.holds.heldAmong([...new Set(due.map((d) => d.subject))]);
      for (const record of due) {
        if (held.has(record.subject)) {
          run.held++;
          continue;
        }
        await this.audit.record({
          actor: 'system',
          action: 'personal-data-purged',
          subject: record.subject,
          details: { kind: rule.kind, record: record.id },
          id: `purge:${rule.kind}:${record.id}`,
        });
        await rule.purge(record.id, now);
        purgedTotal.inc({ kind: rule.kind });
        run.purged++;
      }
      if (run.purged > 0 || run.held > 0) this.logger.log(`retention ${rule.kind}: ${run.purged} purged, ${run.held} under legal hold`);
      runs.push(run);
    }
    return runs;
  }
}

/**
 * A service's retention sweep: its rules (one per kind of personal data it keeps, each with its period from the
 * service's settings), applied by the RetentionSweeper every RETENTION_SWEEP_MS (0: no timer; tests call `sweep()`
 * with their clock). A service declares its rules in its application layer and nothing else.
 */
export abstract class RetentionSweep extends PeriodicSweep {
  /** Injected into properties, so that subclasses keep their own constructors. */
  @Inject(RetentionSweeper) private readonly sweeper!: RetentionSweeper;
  @Optional() @Inject(PlatformSettings) private readonly retentionSettings?: PlatformSettings;

  protected abstract rules(): RetentionRule[];

  override get intervalMs(): number {
    return this.retentionSettings?.RETENTION_SWEEP_MS ?? new PlatformSettings().RETENTION_SWEEP_MS;
  }

  sweep(): Promise<RetentionRun[]> {
    return this.sweeper.run(this.rules());
  }
}
