import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { randomUUID } from 'crypto';
import { Model } from 'mongoose';
import { Caller, Roles } from '@readmission/auth';
import { insertOnce } from '@readmission/persistence';
import { Clock } from '../clock';

/**
 * Who did what, when and why: one document per officer action, written once and never changed (the service
 * has no code that updates or deletes it, and no endpoint that could). Collection `audit-trail` of each service.
 */
@Schema({ collection: 'audit-trail', versionKey: false })
export class AuditEntry {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) at!: Date;
  /** The token subject of the officer, or `system` for the platform's own timed actions. */
  @Prop({ required: true }) actor!: string;
  @Prop({ type: [String], default: [] }) roles!: string[];
  /** e.g. `interview-outcome-recorded`, `decision-overridden`, `reply-extended`. */
  @Prop({ required: true }) action!: string;
  /** What the action was about, e.g. the case number. */
  @Prop({ required: true }) subject!: string;
  @Prop() reason?: string;
  @Prop({ type: Object }) details?: Record<string, unknown>;
}
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ subject: 1, at: 1 });
AuditEntrySchema.index({ at: -1 });

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
      reason: entry.reason,
      details: entry.details,
    });
  }

  async list(filter: { subject?: string; actor?: string }, limit = 500): Promise<AuditEntry[]> {
    const query: Record<string, string> = {};
    if (filter.subject) query.subject = filter.subject;
    if (filter.actor) query.actor = filter.actor;
    return this.entries.find(query).sort({ at: 1 }).limit(limit).lean().exec();
  }
}

export class AuditQuery {
  @IsOptional() @IsString() subject?: string;
  @IsOptional() @IsString() actor?: string;
}

@ApiTags('audit')
@Controller('audit-trail')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'The audit trail of officer actions, oldest first (read-only).' })
  async list(@Query() q: AuditQuery) {
    return this.audit.list(q);
  }
}
