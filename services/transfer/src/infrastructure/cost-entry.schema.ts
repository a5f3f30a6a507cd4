import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CostBearer, Deadline } from '@readmission/agreements';
import { CostReferenceKind } from '../domain/costs';

/**
 * One transport cost of a procedure (collection `cost-entries`, _id a UUID): the cost ledger of the platform
 * (docs/rules.md#transport-costs). Amounts in minor units (cents) of an ISO 4217 currency.
 */
@Schema({ collection: 'cost-entries', timestamps: true })
export class CostEntry {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true }) referenceKind!: CostReferenceKind;
  @Prop({ required: true }) reference!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) requestingState!: string;
  /** What was paid for, e.g. "flight FRA-GYD", "escort return flights", "land transport GYD-Baku". */
  @Prop({ required: true }) leg!: string;
  /** The day the cost arose (Baku date); its year is the statistics' year. */
  @Prop({ required: true }) incurredOn!: string;
  @Prop({ required: true }) year!: number;
  @Prop({ required: true }) amountMinor!: number;
  @Prop({ required: true }) currency!: string;
  @Prop({ type: String, required: true }) bearer!: CostBearer;
  /** The state that bears it (a code), from `bearer` and the procedure. */
  @Prop({ required: true }) borneBy!: string;
  /** The rule applied: value, status, source, rulebook version; `departure` with its reason when the bearer differs. */
  @Prop({ type: Object, required: true }) rule!: { value: string; status: string; source: string; rulebookVersion: string };
  @Prop() departureReason?: string;
  /** The state that advanced the cost, when it is not the one that bears it: it invoices the other. */
  @Prop() advancedBy?: string;
  @Prop({ type: Object }) invoice?: { number: string; issuedOn: string; repaymentDue?: Deadline };
  @Prop() repaidOn?: string;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const CostEntrySchema = SchemaFactory.createForClass(CostEntry);
CostEntrySchema.index({ referenceKind: 1, reference: 1 });
// The statistics read one year at a time.
CostEntrySchema.index({ year: 1, partnerCode: 1 });
// The gauge of repayments overdue (CostRepaymentsOverdueGauge).
CostEntrySchema.index({ 'invoice.repaymentDue.dueDate': 1, repaidOn: 1 });
