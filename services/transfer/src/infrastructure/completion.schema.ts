import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox } from '@readmission/persistence';

/**
 * The closing of a transfer, inserted once (_id the transfer id) with its outbox: transfer.completed and one
 * person-arrived per arrived person are published exactly once, however many officers press "close".
 */
@Schema({ collection: 'completions', timestamps: true })
export class Completion {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: [String], required: true }) handedOver!: string[];
  @Prop({ type: [String], required: true }) notArrived!: string[];
  @Prop({ required: true }) closedBy!: string;
  @Prop({ required: true }) closedAt!: Date;
}
export const CompletionSchema = withOutbox(SchemaFactory.createForClass(Completion));
