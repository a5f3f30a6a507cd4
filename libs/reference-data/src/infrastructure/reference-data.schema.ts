import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutboxFields, withOutbox } from '@readmission/persistence';

/**
 * The versions of reference data a service knows besides the shipped ones (collection `reference-data`, one per
 * service). On intake, where operators load them, each is written with its record to the reference-data topic in
 * its outbox; the other services keep what they read from that topic. Versions are never changed or deleted.
 */
@Schema({ collection: 'reference-data', timestamps: true })
export class StoredReferenceVersion implements OutboxFields {
  /** `<kind>:<key>:<version>`. */
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true }) key!: string;
  @Prop({ required: true }) version!: string;
  @Prop({ required: true }) effectiveFrom!: Date;
  @Prop({ required: true }) loadedAt!: Date;
  @Prop({ required: true }) loadedBy!: string;
  @Prop({ type: Object, required: true }) data!: Record<string, unknown>;
  outbox!: OutboxFields['outbox'];
  outboxPublished!: number;
  outboxPending!: boolean;
}
export const StoredReferenceVersionSchema = withOutbox(SchemaFactory.createForClass(StoredReferenceVersion));
StoredReferenceVersionSchema.index({ kind: 1, key: 1 });
