import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { OutgoingRecord } from '@readmission/messaging';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { CaseSearch, nameKeys, receiptBounds } from '../domain/case-search';
import { MessageHistoryEntry, withoutPayloads } from '../domain/message-history';
import { IntakeCase } from './intake-case.schema';

export type StoredCase = Stored<IntakeCase>;

/** A case in a result list: no message history and no bookkeeping fields. */
const SUMMARY = { history: 0, inboundIds: 0, replyIds: 0, contentHash: 0, searchKeys: 0 } as const;

/** The registered applications (collection `cases`). */
@Injectable()
export class CaseRepository extends Repository<IntakeCase> {
  constructor(@InjectModel(IntakeCase.name) model: Model<IntakeCase>, relay: OutboxRelay) {
    super(model, relay);
  }

  findByReference(partnerCode: string, partnerReference: string): Promise<StoredCase | null> {
    return this.findOne({ partnerCode, partnerReference });
  }

  /** The case number registered under a partner reference, if any. */
  async caseNumberOf(partnerCode: string, partnerReference: string): Promise<string | undefined> {
    return (await this.findOne({ partnerCode, partnerReference }, { _id: 1 }))?._id;
  }

  /** The case a partner message was applied to (its ce_id is among the case's inbound ids). */
  findByInboundId(partnerCode: string, ceId: string): Promise<StoredCase | null> {
    return this.findOne({ partnerCode, inboundIds: ceId }, { _id: 1, history: 1, inboundIds: 1 });
  }

  /** Which of these partner references name a registered case of this partner. */
  async knownReferences(partnerCode: string, partnerReferences: string[]): Promise<Set<string>> {
    const found = await this.findEach('partnerReference', partnerReferences, { partnerCode }, { projection: { partnerReference: 1 } });
    return new Set(found.map((c) => c.partnerReference));
  }

  /**
   * Applies a partner message to a case once (a ce_id already applied changes nothing): its history entry, an
   * optional new status and the events it publishes, in one write.
   */
  async applyInbound(
    caseNumber: string,
    entry: MessageHistoryEntry,
    change: { status?: string } = {},
    events: OutgoingRecord[] = [],
  ): Promise<void> {
    await this.update(
      { _id: caseNumber, inboundIds: { $ne: entry.ceId } },
      { $push: { inboundIds: entry.ceId, history: entry }, ...(change.status ? { $set: { status: change.status } } : {}) },
      events,
    );
  }

  /** Keeps a reply in the case's history and queues it, once per replyId; false if the case does not exist. */
  async applyReply(caseNumber: string, replyId: string, entry: MessageHistoryEntry, record: OutgoingRecord): Promise<boolean> {
    if (await this.update({ _id: caseNumber, replyIds: { $ne: replyId } }, { $push: { replyIds: replyId, history: entry } }, [record]))
      return true;
    return this.exists({ _id: caseNumber });
  }

  /**
   * Retention: erases the content of the case's messages and its name search keys (and the hash of the application);
   * status, dates, partner, agreement and the record of which message came and went when stay. Once (purgedAt).
   */
  async erasePersonalData(caseNumber: string, at: Date): Promise<void> {
    const found = await this.findById(caseNumber, { history: 1 });
    if (!found) return;
    await this.update(
      { _id: caseNumber, purgedAt: { $exists: false } },
      { $set: { history: withoutPayloads(found.history), searchKeys: [], purgedAt: at }, $unset: { contentHash: '' } },
    );
  }

  /** One page of a search, without histories or bookkeeping fields, and the number of cases found. */
  async search(q: CaseSearch): Promise<{ items: StoredCase[]; total: number }> {
    const filter = searchFilter(q);
    const sortField = q.sort.replace('-', '');
    const [items, total] = await Promise.all([
      this.find(filter, {
        projection: SUMMARY,
        sort: { [sortField]: q.sort.startsWith('-') ? -1 : 1 },
        skip: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      }),
      this.count(filter),
    ]);
    return { items, total };
  }
}

function searchFilter(q: CaseSearch): FilterQuery<IntakeCase> {
  const filter: FilterQuery<IntakeCase> = {};
  if (q.partner) filter.partnerCode = q.partner;
  if (q.status) filter.status = q.status;
  if (q.caseNumber) filter._id = q.caseNumber;
  if (q.partnerReference) filter.partnerReference = q.partnerReference;
  // Blind indexes: each word searched must match one of its keys (folded or spelling skeleton) among the case's keys.
  const words = q.name ? nameKeys(q.name) : [];
  if (words.length > 0) filter.$and = words.map((keys) => ({ searchKeys: { $in: keys } }));
  const { from, to } = receiptBounds(q);
  if (from || to) filter.receivedAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
  return filter;
}
