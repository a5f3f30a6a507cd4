import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A returning national's support case, owned by reintegration (collection `reintegration-cases`). */
@Schema({ collection: 'reintegration-cases', timestamps: true })
export class ReintegrationCase {
  @Prop({ type: String }) _id!: string; // the readmission case number
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) transferReference!: string;
  @Prop({ required: true }) status!: 'open' | 'closed';
  @Prop({ required: true }) arrivedAt!: Date;
  @Prop({ required: true }) openedAt!: Date;
  @Prop({ required: true }) borderCrossingPoint!: string;
  @Prop({ type: Object, required: true }) person!: Record<string, unknown>;
  @Prop({ type: [Object], default: [] }) family!: Record<string, unknown>[];
  @Prop({ type: Object }) assistance?: Record<string, unknown>;
  @Prop({ required: true }) unaccompaniedMinor!: boolean;
}
export const ReintegrationCaseSchema = SchemaFactory.createForClass(ReintegrationCase);
ReintegrationCaseSchema.index({ status: 1, openedAt: -1 });
