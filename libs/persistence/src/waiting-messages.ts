import { Injectable, Module } from '@nestjs/common';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DecodedMessage, EventEnvelope } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { protectFields } from './encryption/field-protection';
import { withOutbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { isDuplicateKeyError } from './errors';
import { Repository } from './repository';

/**
 * A message that arrived before what it is about (a supplement before its case: internal topics keep no order
 * between them), kept until that subject arrives or its wait ends (collection `waiting-messages`). The _id
 * `<consumer>:<message id>` keeps a message once however often it is delivered; the state moves once, from
 * `waiting` to `applied` (the subject arrived) or `answered` (it did not: the sender was told, with the events
 * queued in the same write), claimed first (WaitingMessageClaim) so that it is never both. The payload is personal data: stored sealed.
 */
@Schema({ collection: 'waiting-messages', versionKey: false, timestamps: true })
export class WaitingMessageRecord {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) consumer!: string;
  /** What the message waits for (a case number). */
  @Prop({ required: true }) subject!: string;
  @Prop({ type: Object, required: true }) envelope!: EventEnvelope;
  @Prop({ required: true }) key!: string;
  /** The payload as JSON (sealed). */
  @Prop({ required: true }) payload!: string;
  /** When the sender received it: messages of one subject are applied in this order. */
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) waitUntil!: Date;
  @Prop({ type: String, required: true }) state!: 'waiting' | 'applied' | 'answered';
  @Prop() settledAt?: Date;
}
export const WaitingMessageSchema = protectFields(withOutbox(SchemaFactory.createForClass(WaitingMessageRecord)), { encrypt: ['payload'] });
WaitingMessageSchema.index({ subject: 1, state: 1 });
WaitingMessageSchema.index({ state: 1, waitUntil: 1 });

/**
 * Which way a waiting message is settled, claimed by inserting its id (`waiting-message-claims`): FerretDB 1.x applies
 * concurrent updates of one document without atomicity, an insert of one _id atomically, so two sweeps, or a sweep
 * and the subject's arrival, never settle one message both ways.
 */
@Schema({ collection: 'waiting-message-claims', versionKey: false })
export class WaitingMessageClaim {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true }) state!: 'applied' | 'answered';
  @Prop({ required: true }) at!: Date;
}
export const WaitingMessageClaimSchema = SchemaFactory.createForClass(WaitingMessageClaim);

/** A kept message, as its consumer handles it. */
export interface WaitingMessage<T = unknown> {
  id: string;
  consumer: string;
  subject: string;
  message: DecodedMessage<T>;
  receivedAt: Date;
  waitUntil: Date;
}

/** The messages waiting for their subject (see WaitingMessageRecord). */
@Injectable()
export class WaitingMessages extends Repository<WaitingMessageRecord> {
  constructor(
    @InjectModel(WaitingMessageRecord.name) model: Model<WaitingMessageRecord>,
    relay: OutboxRelay,
    @InjectModel(WaitingMessageClaim.name) private readonly claims: Model<WaitingMessageClaim>,
  ) {
    super(model, relay);
  }

  /** Keeps `message` for `consumer` until `subject` arrives or `waitUntil`; a redelivery keeps nothing more. */
  async keep(consumer: string, subject: string, message: DecodedMessage<unknown>, receivedAt: Date, waitUntil: Date): Promise<void> {
    await this.insertOnce({
      _id: `${consumer}:${message.envelope.id}`,
      consumer,
      subject,
      envelope: message.envelope,
      key: message.key,
      payload: JSON.stringify(message.payload),
      receivedAt,
      waitUntil,
      state: 'waiting',
    });
  }

  /** The messages still waiting for `subject`, in the order they were received. */
  async waitingFor(subject: string): Promise<WaitingMessage[]> {
    return (await this.find({ subject, state: 'waiting' }, { sort: { receivedAt: 1, _id: 1 } })).map(asWaiting);
  }

  /** Messages whose wait ended by `now`, the oldest first. */
  async due(now: Date, limit = 100): Promise<WaitingMessage[]> {
    return (await this.find({ state: 'waiting', waitUntil: { $lte: now } }, { sort: { waitUntil: 1 }, limit })).map(asWaiting);
  }

  /**
   * Claims the way a message is settled, before its effect: `won` for the one caller whose claim was recorded,
   * `holds` for every caller of that same state (one resuming after a crash, or racing the winner: its idempotent
   * effect may run again); false for the other state, whose effect must not happen.
   */
  async claim(id: string, state: 'applied' | 'answered', now: Date): Promise<{ won: boolean; holds: boolean }> {
    try {
      await this.claims.create({ _id: id, state, at: now });
      return { won: true, holds: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const kept = await this.claims.findById(id).lean<WaitingMessageClaim>().exec();
    return { won: false, holds: kept?.state === state };
  }

  /** Moves a claimed message out of `waiting`, with `events` in the same write (repeatable: same state, same events). */
  async settle(id: string, state: 'applied' | 'answered', now: Date, events: OutgoingRecord[] = []): Promise<void> {
    await this.update({ _id: id, state: 'waiting' }, { $set: { state, settledAt: now } }, events);
  }
}

function asWaiting(r: WaitingMessageRecord): WaitingMessage {
  return {
    id: r._id,
    consumer: r.consumer,
    subject: r.subject,
    message: { envelope: r.envelope, key: r.key, payload: JSON.parse(r.payload) as unknown },
    receivedAt: new Date(r.receivedAt),
    waitUntil: new Date(r.waitUntil),
  };
}

/** Provides WaitingMessages (needs the service's MongooseModule.forRoot and OutboxRelay, as PlatformModule sets them up). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: WaitingMessageRecord.name, schema: WaitingMessageSchema },
      { name: WaitingMessageClaim.name, schema: WaitingMessageClaimSchema },
    ]),
  ],
  providers: [WaitingMessages],
  exports: [WaitingMessages],
})
export class WaitingMessagesModule {}
