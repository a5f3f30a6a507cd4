import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A person's booking on a transfer, claimed by inserting the case number as _id: the unique _id is the one write the
 * store applies atomically, so two notices handled at the same time can never book one person on two transfers.
 */
@Schema({ collection: 'person-bookings', timestamps: true })
export class PersonBooking {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) transferId!: string;
}
export const PersonBookingSchema = SchemaFactory.createForClass(PersonBooking);
PersonBookingSchema.index({ transferId: 1 });
