import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A cancellation that arrived before its notice (they travel on different topics, so their order is not kept):
 * kept so that the notice, when it comes, books nothing. _id is `<partner>:<transferReference>`.
 */
@Schema({ collection: 'early-cancellations', timestamps: true })
export class EarlyCancellation {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) messageId!: string;
}
export const EarlyCancellationSchema = SchemaFactory.createForClass(EarlyCancellation);
