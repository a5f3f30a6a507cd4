import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The partner's latest cancellation of a transfer, by time of receipt (_id `<partner>:<transferReference>`). Notices
 * and cancellations travel on different topics, so their order of handling says nothing: a notice received before
 * it books nothing, a notice received after it stands (docs/rules.md#advance-notice-and-cancellation).
 */
@Schema({ collection: 'transfer-cancellations', timestamps: true })
export class Cancellation {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) messageId!: string;
}
export const CancellationSchema = SchemaFactory.createForClass(Cancellation);
