import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox } from '@readmission/persistence';
import { HistoryEvent } from '../domain/accepted-case';
import { ManifestEntry, TransferStatus } from '../domain/transfer';

/** A notified transfer, its manifest and its handover, owned by transfer (collection `transfers`); _id is `<partner>:<transferReference>`. */
@Schema({ collection: 'transfers', timestamps: true })
export class Transfer {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) transferReference!: string;
  @Prop({ type: String, required: true }) status!: TransferStatus;
  @Prop({ required: true }) noticeId!: string;
  @Prop({ required: true }) noticeReceivedAt!: Date;
  @Prop({ required: true }) plannedArrival!: Date;
  /** Baku date of the planned arrival (listing by day). */
  @Prop({ required: true }) arrivalDate!: string;
  @Prop({ required: true }) borderCrossingPoint!: string;
  /** The version of the crossing points (and their capacity) the notice was judged with. */
  @Prop() crossingPointsVersion?: string;
  @Prop({ type: Object, required: true }) transport!: Record<string, unknown>;
  @Prop({ type: [String], required: true }) partnerReferences!: string[];
  @Prop({ type: [Object], required: true }) manifest!: ManifestEntry[];
  @Prop({ type: Object }) handover?: { handedOver: string[]; notArrived: string[]; closedBy: string; closedAt: Date };
  /** The border was alerted that the arrival day passed without the transfer being closed. */
  @Prop({ default: false }) closeAlerted!: boolean;
  @Prop({ type: [Object], default: [] }) history!: HistoryEvent[];
}
export const TransferSchema = withOutbox(SchemaFactory.createForClass(Transfer));
TransferSchema.index({ status: 1, plannedArrival: 1 });
TransferSchema.index({ borderCrossingPoint: 1, arrivalDate: 1 });
// The gauge of transfers expected today per crossing point (TransfersExpectedTodayGauge): index-backed on MongoDB.
TransferSchema.index({ arrivalDate: 1, status: 1, borderCrossingPoint: 1 });
