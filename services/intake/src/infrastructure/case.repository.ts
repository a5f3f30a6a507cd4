import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, initialOutbox, isDuplicateKeyError, withOutboxRecords } from '@readmission/persistence';
import { CaseSearch, nameQuery, receiptBounds } from '../domain/case-search';
import { MessageHistoryEntry } from '../domain/message-history';
import { IntakeCase } from './intake-case.schema';

/** A case as read back: never its outbox. */
export type StoredCase = Omit<IntakeCase, 'outbox'>;

const NO_OUTBOX = { outbox: 0, outboxPublished: 0, outboxPending: 0 };
/** A case in a result list: no message history and no bookkeeping fields. */
const SUMMARY = { history: 0, inboundIds: 0, replyIds: 0, contentHash: 0, searchName: 0 };

/** The registered applications (collection `cases`): the only code that touches their model. */
@Injectable()
export class CaseRepository {
  constructor(
    @InjectModel(IntakeCase.name) private readonly model: Model<IntakeCase>,
    private readonly relay: OutboxRelay,
  ) {}

  findByReference(partnerCode: string, partnerReference: string): Promise<StoredCase | null> {
    return this.model.findOne({ partnerCode, partnerReference }, NO_OUTBOX).lean<StoredCase>().exec();
  }

  /** The case number registered under a partner reference, if any. */
  async caseNumberOf(partnerCode: string, partnerReference: string): Promise<string | undefined> {
    return (await this.model.findOne({ partnerCode, partnerReference }, { _id: 1 }).lean().exec())?._id;
  }

  /** The case a partner message was applied to (its ce_id is among the case's inbound ids). */
  findByInboundId(partnerCode: string, ceId: string): Promise<Pick<StoredCase, '_id' | 'history' | 'inboundIds'> | null> {
    return this.model.findOne({ partnerCode, inboundIds: ceId }, { _id: 1, history: 1, inboundIds: 1 }).lean<Pick<StoredCase, '_id' | 'history' | 'inboundIds'>>().exec();
  }

  /** Which of these partner references name a registered case of this partner. */
  async knownReferences(partnerCode: string, partnerReferences: string[]): Promise<Set<string>> {
    const found = await this.model.find({ partnerCode, partnerReference: { $in: partnerReferences } }, { partnerReference: 1 }).lean().exec();
    return new Set(found.map((c) => c.partnerReference));
  }

  async exists(caseNumber: string): Promise<boolean> {
    return (await this.model.exists({ _id: caseNumber })) !== null;
  }

  /** Inserts a new case with the events it publishes; false if its partner reference is registered already. */
  async insertOnce(doc: StoredCase, events: OutgoingRecord[]): Promise<boolean> {
    try {
      await this.model.create({ ...doc, ...initialOutbox(events) });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.relay.flush(this.model as never, doc._id);
    return true;
  }

  /**
   * Applies a partner message to a case once (a ce_id already applied changes nothing): its history entry, an
   * optional new status and the events it publishes, in one write.
   */
  async applyInbound(caseNumber: string, entry: MessageHistoryEntry, change: { status?: string } = {}, events: OutgoingRecord[] = []): Promise<void> {
    const update = { $push: { inboundIds: entry.ceId, history: entry }, ...(change.status ? { $set: { status: change.status } } : {}) };
    await this.model.updateOne({ _id: caseNumber, inboundIds: { $ne: entry.ceId } }, events.length ? withOutboxRecords(update, events) : update).exec();
    await this.relay.flush(this.model as never, caseNumber);
  }

  /** Keeps a reply in the case's history and queues it, once per replyId; false if the case does not exist. */
  async applyReply(caseNumber: string, replyId: string, entry: MessageHistoryEntry, record: OutgoingRecord): Promise<boolean> {
    const updated = await this.model
      .updateOne({ _id: caseNumber, replyIds: { $ne: replyId } }, withOutboxRecords({ $push: { replyIds: replyId, history: entry } }, [record]))
      .exec();
    if (updated.matchedCount === 0 && !(await this.exists(caseNumber))) return false;
    await this.relay.flush(this.model as never, caseNumber);
    return true;
  }

  /** Publishes what a case's outbox still holds (a redelivery after a crash between write and publish). */
  publishPending(caseNumber: string): Promise<void> {
    return this.relay.flush(this.model as never, caseNumber);
  }

  /** One page of a search, newest first unless asked otherwise, without histories or bookkeeping fields. */
  async search(q: CaseSearch): Promise<{ items: StoredCase[]; total: number }> {
    const filter = searchFilter(q);
    const sortField = q.sort.replace('-', '');
    const [items, total] = await Promise.all([
      this.model
        .find(filter, { ...SUMMARY, ...NO_OUTBOX })
        .sort({ [sortField]: q.sort.startsWith('-') ? -1 : 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<StoredCase[]>()
        .exec(),
      this.model.countDocuments(filter).exec(),
    ]);
    return { items, total };
  }

  findById(caseNumber: string, projection: Record<string, 0> = {}): Promise<StoredCase | null> {
    return this.model.findById(caseNumber, { ...projection, ...NO_OUTBOX }).lean<StoredCase>().exec();
  }
}

function searchFilter(q: CaseSearch): FilterQuery<IntakeCase> {
  const filter: FilterQuery<IntakeCase> = {};
  if (q.partner) filter.partnerCode = q.partner;
  if (q.status) filter.status = q.status;
  if (q.caseNumber) filter._id = q.caseNumber;
  if (q.partnerReference) filter.partnerReference = q.partnerReference;
  if (q.name) filter.searchName = { $regex: escapeRegex(nameQuery(q.name)) };
  const { from, to } = receiptBounds(q);
  if (from || to) filter.receivedAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
  return filter;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
