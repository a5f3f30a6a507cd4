import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Rulebook versions and country calendars loaded by operators (collection `reference-data`, owned by intake).
 * _id is `rulebook:<version>` (immutable once loaded) or `calendar:<country>:<year>` (replaced by a newer load,
 * the previous content kept in `previous`). Shipped versions are not stored: they come with the build.
 */
@Schema({ collection: 'reference-data', timestamps: true })
export class ReferenceData {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, enum: ['rulebook', 'calendar'] }) kind!: 'rulebook' | 'calendar';
  @Prop({ type: Object, required: true }) data!: Record<string, unknown>;
  @Prop({ required: true }) loadedAt!: Date;
  /** The operator (token subject) who loaded it. */
  @Prop({ required: true }) loadedBy!: string;
  @Prop({ type: [Object], default: [] }) previous!: { data: Record<string, unknown>; loadedAt: Date; loadedBy: string }[];
}
export const ReferenceDataSchema = SchemaFactory.createForClass(ReferenceData);
