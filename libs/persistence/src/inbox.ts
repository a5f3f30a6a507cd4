import { Injectable, Module } from '@nestjs/common';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ConflictError } from '@readmission/errors';
import { isDuplicateKeyError } from './errors';
import { InboxRecord, InboxRecordSchema } from './inbox.schema';

export interface InboxMessage {
  /** Who handles it, e.g. `verification.case-registered`: letters, digits, `.`, `_`, `-`. */
  consumer: string;
  /** The message's own id (its ce_id). */
  id: string;
  /** Hash of the content (fingerprintOf): the same id arriving with other content is refused. */
  fingerprint?: string;
}

export interface Handled<R> {
  /** True for exactly one delivery of a message: the one whose completion was recorded first. */
  first: boolean;
  /** What the effect of that delivery returned (a consumer that must repeat its first answer reads it here). */
  result?: R;
}

/** What the effect is told about its delivery. */
export interface Delivery {
  /**
   * True when an earlier delivery of this message started and did not finish (a crash, a failed attempt): the
   * effect may find part of its work done. False for the first delivery ever recorded: nothing of it can exist
   * yet, so the effect may skip looking for an earlier answer (a look-up that is not by _id scans on FerretDB).
   */
  retry: boolean;
}

/**
 * A message reusing the id of another message this consumer received, with other content (a conflict: a consumer
 * with a partner to answer says so, naming the id; the others dead-letter it).
 */
export class ReusedMessageIdError extends ConflictError {
  constructor(readonly received: InboxMessage) {
    super(`message ${received.id} was already received by ${received.consumer} with other content`, {
      consumer: received.consumer,
      id: received.id,
    });
  }
}

const CONSUMER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * "Handle this message once", the same way for every consumer of a service (collection `inbox`).
 *
 * The delivery is recorded (state 'started') before the effect and marked 'done' after it. A redelivery that finds
 * 'done' does nothing and gets `{ first: false, result }` with the first result. A redelivery that finds 'started'
 * runs the effect again: the earlier delivery crashed or failed part way, so nothing is lost, and effects are
 * idempotent (guarded writes, insertOnce, deterministic ids) so a part already done is not done twice.
 *
 * Concurrent deliveries of one message (a rebalance) may run the effect at the same time; each finishes, and
 * exactly one of them is `first` (decided by a unique insert, the one write FerretDB 1.x applies atomically).
 */
@Injectable()
export class Inbox {
  constructor(@InjectModel(InboxRecord.name) private readonly records: Model<InboxRecord>) {}

  async handle<R>(message: InboxMessage, effect: (delivery: Delivery) => Promise<R>): Promise<Handled<R>> {
    if (!CONSUMER_NAME.test(message.consumer))
      throw new Error(`inbox consumer name ${JSON.stringify(message.consumer)} must be letters, digits, ".", "_" or "-"`);
    const started = await this.start(message);
    if (!started) {
      const found = await this.records.findById(deliveryId(message)).lean<InboxRecord>().exec();
      if (!found) throw new Error(`inbox record ${deliveryId(message)} vanished`); // removed meanwhile: try again
      if (message.fingerprint && found.fingerprint && message.fingerprint !== found.fingerprint) {
        throw new ReusedMessageIdError(message);
      }
      if (found.state === 'done') return { first: false, result: found.result as R };
    }
    return this.complete(message, await effect({ retry: !started }));
  }

  /** True if this delivery is the first to be recorded. */
  private async start(message: InboxMessage): Promise<boolean> {
    const { consumer, id, fingerprint } = message;
    try {
      await this.records.create({
        _id: deliveryId(message),
        consumer,
        messageId: id,
        ...(fingerprint ? { fingerprint } : {}),
        state: 'started',
        startedAt: new Date(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  private async complete<R>(message: InboxMessage, result: R): Promise<Handled<R>> {
    let completion: Pick<InboxRecord, 'doneAt' | 'result'> = { doneAt: new Date(), ...(result === undefined ? {} : { result }) };
    let first = true;
    try {
      await this.records.create({ _id: completionId(message), consumer: message.consumer, messageId: message.id, ...completion });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      first = false; // another delivery completed first: its result is the one
      const kept = await this.records.findById(completionId(message)).lean<InboxRecord>().exec();
      if (kept) completion = { doneAt: kept.doneAt, ...(kept.result === undefined ? {} : { result: kept.result }) };
    }
    // Every finisher marks the delivery done with the same values (also after a crash right after the completion).
    await this.records.updateOne({ _id: deliveryId(message) }, { $set: { state: 'done', ...completion } }).exec();
    return { first, result: completion.result as R };
  }
}

const deliveryId = (m: InboxMessage) => `${m.consumer}:${m.id}`;
const completionId = (m: InboxMessage) => `${m.consumer}/done:${m.id}`;

/** Provides the service's Inbox (needs the service's MongooseModule.forRoot, as PlatformModule sets it up). */
@Module({
  imports: [MongooseModule.forFeature([{ name: InboxRecord.name, schema: InboxRecordSchema }])],
  providers: [Inbox],
  exports: [Inbox],
})
export class InboxModule {}
