import { Body, Controller, Get, HttpCode, Injectable, Param, Post, Put } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Model } from 'mongoose';
import { Caller, CurrentCaller, Roles } from '@readmission/auth';
import { NotFoundError } from '@readmission/errors';
import { AuditTrail } from '../audit/audit-trail';
import { Clock } from '../clock';

/**
 * A legal hold on a case (collection `legal-holds` of each service, _id the case number): while it is in place, the
 * retention sweep leaves the case's personal data alone, whatever its age (a court case, a complaint, an inquiry).
 */
@Schema({ collection: 'legal-holds', versionKey: false })
export class LegalHold {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) reason!: string;
  @Prop({ required: true }) heldBy!: string;
  @Prop({ required: true }) since!: Date;
}
export const LegalHoldSchema = SchemaFactory.createForClass(LegalHold);

@Injectable()
export class LegalHolds {
  constructor(
    @InjectModel(LegalHold.name) private readonly holds: Model<LegalHold>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Places (or confirms) a hold; audited with its reason. */
  async place(subject: string, reason: string, caller: Caller): Promise<LegalHold> {
    const since = this.clock.now();
    await this.holds.updateOne({ _id: subject }, { $setOnInsert: { reason, heldBy: caller.subject, since } }, { upsert: true }).exec();
    await this.audit.record({ actor: caller, action: 'legal-hold-placed', subject, reason });
    return (await this.holds.findById(subject).lean<LegalHold>().exec()) as LegalHold;
  }

  /** Lifts a hold; audited with its reason. The retention sweep takes the case again from its next run. */
  async lift(subject: string, reason: string, caller: Caller): Promise<void> {
    const { deletedCount } = await this.holds.deleteOne({ _id: subject }).exec();
    if (deletedCount === 0) throw new NotFoundError(`no legal hold on ${subject}`);
    await this.audit.record({ actor: caller, action: 'legal-hold-lifted', subject, reason });
  }

  list(): Promise<LegalHold[]> {
    return this.holds.find({}).sort({ since: 1 }).lean<LegalHold[]>().exec();
  }

  /** Which of these subjects are held. */
  async heldAmong(subjects: string[]): Promise<Set<string>> {
    if (subjects.length === 0) return new Set();
    const held = await this.holds
      .find({ _id: { $in: subjects } }, { _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    return new Set(held.map((h) => h._id));
  }
}

export class LegalHoldRequest {
  /** Why the case must be kept (court case, complaint, inquiry): written to the audit trail. */
  @IsString() @Length(3, 500) reason!: string;
}

@ApiTags('legal-holds')
@Controller('legal-holds')
export class LegalHoldController {
  constructor(private readonly holds: LegalHolds) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'The cases under legal hold: the retention sweep leaves their personal data alone.' })
  list() {
    return this.holds.list();
  }

  @Put(':caseNumber')
  @Roles('admin')
  @ApiOperation({ summary: 'Places a legal hold on a case (audited with its reason): no purge while it is in place.' })
  place(@Param('caseNumber') caseNumber: string, @Body() body: LegalHoldRequest, @CurrentCaller() caller: Caller) {
    return this.holds.place(caseNumber, body.reason, caller);
  }

  @Post(':caseNumber/lift')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Lifts the legal hold on a case (audited with its reason).' })
  async lift(@Param('caseNumber') caseNumber: string, @Body() body: LegalHoldRequest, @CurrentCaller() caller: Caller) {
    await this.holds.lift(caseNumber, body.reason, caller);
    return { caseNumber, held: false };
  }
}
