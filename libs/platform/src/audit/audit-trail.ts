import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString } from 'class-validator';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { Caller, Roles } from '@readmission/auth';
import { FieldCipher, insertOnce, protectFields } from '@readmission/persistence';
import { Clock } from '../clock';
import { Page, PageOf, PageQuery, pageWindow } from '../http/page';

/**
 * Who did what, when and why: one document per officer action, written once and never changed (the service
 * has no code that updates or deletes it, and no endpoint that could). Collection `audit-trail` of each service.
 * The `reason` is an officer's own words (grounds, notes) and may name a person, so it is sealed at rest like the
 * personal fields of the services' records (docs/security.md); the API returns it opened.
 */
@Schema({ collection: 'audit-trail', versionKey: false })
export class AuditEntry {
  @ApiProperty() @Prop({ type: String }) _id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) @Prop({ required: true }) at!: Date;
  /** The token subject of the officer, or `system` for the platform's own timed actions. */
  @ApiProperty({ description: 'the token subject of the officer, or `system`' }) @Prop({ required: true }) actor!: string;
  @ApiProperty({ type: [String] }) @Prop({ type: [String], default: [] }) roles!: string[];
  /** e.g. `interview-outcome-recorded`, `decision-overridden`, `reply-extended`. */
  @ApiProperty({ example: 'reply-extended' }) @Prop({ required: true }) action!: string;
  /** What the action was about, e.g. the case number. */
  @ApiProperty({ description: 'what the action was about, e.g. the case number' }) @Prop({ required: true }) subject!: string;
  @ApiPropertyOptional() @Prop() reason?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @Prop({ type: Object }) details?: Record<string, unknown>;
}
/** The path a reason is sealed under (bound into its ciphertext); declared on the schema so key rotation re-seals it. */
const REASON = 'reason';
export const AuditEntrySchema = protectFields(SchemaFactory.createForClass(AuditEntry), { encrypt: [REASON] });
AuditEntrySchema.index({ subject: 1, at: 1 });
AuditEntrySchema.index({ at: -1 });
AuditEntrySchema.index({ actor: 1, at: -1 });

export interface AuditSearch {
  subject?: string;
  actor?: string;
  /** Instants (ISO 8601): entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditTrail {
  constructor(
    @InjectModel(AuditEntry.name) private readonly entries: Model<AuditEntry>,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes one entry. `id` makes a retried action idempotent (the same id is written once); true when this call
   * wrote it, so that whoever wrote it can do what must follow exactly once (a metric, a log line).
   */
  async record(entry: {
    actor: Caller | 'system';
    action: string;
    subject: string;
    reason?: string;
    details?: Record<string, unknown>;
    id?: string;
  }): Promise<boolean> {
    const actor = entry.actor === 'system' ? { subject: 'system', roles: [] } : entry.actor;
    return insertOnce(this.entries, {
      _id: entry.id ?? randomUUID(),
      at: this.clock.now(),
      actor: actor.subject,
      roles: actor.roles,
      action: entry.action,
      subject: entry.subject,
      reason: entry.reason === undefined ? undefined : await this.cipher().seal(entry.reason, REASON),
      details: entry.details,
    });
  }

  private cipher(): FieldCipher {
    return FieldCipher.of(this.entries.db);
  }

  /** An entry as stored, with its reason opened. */
  private async opened(entry: AuditEntry): Promise<AuditEntry> {
    return entry.reason === undefined ? entry : { ...entry, reason: (await this.cipher().open(entry.reason, REASON)) as string };
  }

  /**
   * Entries oldest first. Reads of personal records (`personal-data-read`) only when asked for by `action` (or `reads`):
   * a case page and the default audit-trail query show what was done, not who looked.
   */
  async list(filter: { subject?: string; actor?: string; action?: string; reads?: boolean }, limit = 500): Promise<AuditEntry[]> {
    const query: Record<string, unknown> = {};
    if (filter.subject) query.subject = filter.subject;
    if (filter.actor) query.actor = filter.actor;
    if (filter.action) query.action = filter.action;
    else if (!filter.reads) query.action = { $ne: 'personal-data-read' };
    const entries = await this.entries.find(query).sort({ at: 1 }).limit(limit).lean().exec();
    return Promise.all(entries.map((entry) => this.opened(entry)));
  }

  /** One page of the entries of a case and/or an officer within [from, to), newest first, and how many match. */
  async search(q: AuditSearch): Promise<Page<AuditEntry>> {
    const query: Record<string, unknown> = {};
    if (q.subject) query.subject = q.subject;
    if (q.actor) query.actor = q.actor;
    if (q.from || q.to) query.at = { ...(q.from ? { $gte: new Date(q.from) } : {}), ...(q.to ? { $lt: new Date(q.to) } : {}) };
    const { skip, limit } = pageWindow(q);
    const [items, total] = await Promise.all([
      this.entries.find(query).sort({ at: -1, _id: 1 }).skip(skip).limit(limit).lean().exec(),
      this.entries.countDocuments(query).exec(),
    ]);
    return { items: await Promise.all(items.map((entry) => this.opened(entry))), total, page: q.page, pageSize: q.pageSize };
  }
}

export class AuditQuery {
  @ApiPropertyOptional({ description: 'the case number (or other subject)' }) @IsOptional() @IsString() subject?: string;
  @ApiPropertyOptional({ description: "the officer's token subject" }) @IsOptional() @IsString() actor?: string;
  @ApiPropertyOptional({ description: 'e.g. `personal-data-read`: who read which personal records, when and why' })
  @IsOptional()
  @IsString()
  action?: string;
}

export class AuditSearchQuery extends PageQuery implements AuditSearch {
  @ApiPropertyOptional({ description: 'the case number (or other subject)' }) @IsOptional() @IsString() subject?: string;
  @ApiPropertyOptional({ description: "the officer's token subject" }) @IsOptional() @IsString() actor?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or after this instant' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'entries before this instant' }) @IsOptional() @IsISO8601() to?: string;
}

export class AuditEntryPage extends PageOf(AuditEntry) {}

@ApiTags('audit')
@Controller('audit-trail')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary:
      'The audit trail of officer actions, oldest first (read-only; at most 500); reads of personal records with action=personal-data-read.',
  })
  @ApiOkResponse({ type: [AuditEntry] })
  async list(@Query() q: AuditQuery) {
    return this.audit.list(q);
  }

  @Get('search')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'The audit trail searched by case, officer and time (from, to), newest first, a page at a time with the total.',
  })
  @ApiOkResponse({ type: AuditEntryPage })
  async search(@Query() q: AuditSearchQuery) {
    return this.audit.search(q);
  }
}
