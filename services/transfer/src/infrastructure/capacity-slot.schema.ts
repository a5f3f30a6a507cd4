import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One person's place at a crossing point on a day, claimed by inserting `<point>:<date>:<n>` (n = 1..capacity):
 * the unique _id is the only write the store applies atomically, so two notices can never book the same place.
 */
@Schema({ collection: 'capacity-slots', timestamps: true })
export class CapacitySlot {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) point!: string;
  @Prop({ required: true }) date!: string;
  @Prop({ required: true }) n!: number;
  @Prop({ required: true }) transferId!: string;
  @Prop({ required: true }) caseNumber!: string;
}
export const CapacitySlotSchema = SchemaFactory.createForClass(CapacitySlot);
CapacitySlotSchema.index({ point: 1, date: 1 });
CapacitySlotSchema.index({ transferId: 1 });
