import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Reintegration's own projection of each readmission's milestones, for the statistics (collection `readmission-timeline`). */
@Schema({ collection: 'readmission-timeline', versionKey: false })
export class ReadmissionTimeline {
  @Prop({ type: String }) _id!: string; // case number
  @Prop() partnerCode?: string;
  @Prop() agreement?: string;
  @Prop() category?: string;
  @Prop() receivedAt?: Date;
  @Prop() decision?: 'accepted' | 'refused';
  @Prop() decidedAt?: Date;
  @Prop() arrivedAt?: Date;
  @Prop() openedAt?: Date;
}
export const ReadmissionTimelineSchema = SchemaFactory.createForClass(ReadmissionTimeline);
