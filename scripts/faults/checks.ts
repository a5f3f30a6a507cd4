// The checks of a fault-injection run: what came back on the partner's outbound topic (one answer of each kind
// per reference, no contradiction) and what the stores hold (one case per application, one reintegration case per
// arrival, nothing pending in any outbox).
import { KafkaMessage } from 'kafkajs';
import { Collection, Document, Filter, MongoClient } from 'mongodb';
import { CE } from '@readmission/contracts';
import { OUTBOX_PENDING_COLLECTION } from '@readmission/persistence';
import { SERVICES } from '@readmission/testing';
import { PlannedApplication } from './workload';

export const T = {
  acknowledged: 'readmission.application.acknowledged.v1',
  decided: 'readmission.application.decided.v1',
  rejected: 'readmission.application.rejected.v1',
  travelDocument: 'readmission.travel-document.issued.v1',
  confirmed: 'readmission.transfer.confirmed.v1',
  refused: 'readmission.transfer.refused.v1',
  completed: 'readmission.transfer.completed.v1',
} as const;

export interface TransferPlan {
  references: string[];
  arrived: string[];
  handedOver: boolean;
}

interface Answer {
  copies: number;
  value: Record<string, unknown>;
}

/** The answers read back, per key, type and ce_id; a record read twice by this run's own consumer counts once. */
export class Outbound {
  private readonly byKey = new Map<string, Map<string, Map<string, Answer>>>();
  private readonly seen = new Set<string>();

  add(key: string, partition: number, message: KafkaMessage): void {
    const at = `${partition}:${message.offset}`;
    if (this.seen.has(at)) return;
    this.seen.add(at);
    const type = message.headers?.[CE.type]?.toString() ?? '';
    const id = message.headers?.[CE.id]?.toString() ?? at;
    let value: Record<string, unknown> = {};
    try {
      value = JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown>;
    } catch {
      // kept as an answer without a body
    }
    const types = this.byKey.get(key) ?? new Map<string, Map<string, Answer>>();
    this.byKey.set(key, types);
    const ids = types.get(type) ?? new Map<string, Answer>();
    types.set(type, ids);
    const answer = ids.get(id);
    if (answer) answer.copies += 1;
    else ids.set(id, { copies: 1, value });
  }

  /** The distinct answers (by ce_id) of one type for a key. */
  answers(key: string, type: string): Answer[] {
    return [...(this.byKey.get(key)?.get(type)?.values() ?? [])];
  }

  has(key: string, type: string): boolean {
    return this.answers(key, type).length > 0;
  }

  decision(key: string): string | undefined {
    const value = this.answers(key, T.decided)[0]?.value;
    return value ? String(value.decision) : undefined;
  }

  types(key: string): string[] {
    return [...(this.byKey.get(key)?.keys() ?? [])];
  }

  repeatedCopies(): number {
    let n = 0;
    for (const types of this.byKey.values()) for (const ids of types.values()) for (const answer of ids.values()) n += answer.copies - 1;
    return n;
  }

  complete(apps: PlannedApplication[], transfers: Map<string, TransferPlan>): boolean {
    return (
      apps.every(
        (a) => this.has(a.reference, T.acknowledged) && this.has(a.reference, T.decided) && this.has(a.reference, T.travelDocument),
      ) && [...transfers.entries()].every(([ref, t]) => this.has(ref, T.confirmed) && (!t.handedOver || this.has(ref, T.completed)))
    );
  }

  summary(apps: PlannedApplication[]): string {
    const n = (type: string) => apps.filter((a) => this.has(a.reference, type)).length;
    return `${n(T.acknowledged)} acknowledged, ${n(T.decided)} decided, ${n(T.travelDocument)} travel documents of ${apps.length}`;
  }
}

export interface StoreFigures {
  /** Intake cases per partner reference of the run. */
  intakeCases: Record<string, number>;
  /** Reintegration cases per partner reference. */
  reintegration: Record<string, number>;
  reintegrationCases: number;
  /** Documents with records still to publish, in every collection of the four services' databases. */
  outboxPending: number;
  /** Documents with outbox entries the broker refused for good (set aside). */
  outboxFailed: number;
}

/**
 * How many documents match, by a find of their ids: FerretDB filters an equality on a top-level field in the
 * database, while a count aggregate fetches every document first.
 */
async function countIds(collection: Collection, filter: Filter<Document> = {}): Promise<number> {
  return (await collection.find(filter, { projection: { _id: 1 } }).toArray()).length;
}

/**
 * What the drain loop polls while it waits (small reads only): the writes whose records are not published yet, as
 * the markers of every database's pending set (`outbox-pending`, a handful of small documents)...
 */
export async function pendingWrites(mongo: MongoClient, prefix: string): Promise<number> {
  let markers = 0;
  for (const service of SERVICES) markers += await countIds(mongo.db(`${prefix}-${service}`).collection(OUTBOX_PENDING_COLLECTION));
  return markers;
}

/** ...and the reintegration cases opened so far. */
export function reintegrationCaseCount(mongo: MongoClient, prefix: string): Promise<number> {
  return countIds(mongo.db(`${prefix}-reintegration`).collection('reintegration-cases'));
}

export async function readStores(mongo: MongoClient, prefix: string, apps: PlannedApplication[]): Promise<StoreFigures> {
  const ours = new Set(apps.map((a) => a.reference));
  const countBy = async (db: string, collection: string) => {
    const counts: Record<string, number> = {};
    const docs = await mongo
      .db(db)
      .collection(collection)
      .find({}, { projection: { partnerReference: 1 } })
      .toArray();
    for (const d of docs) {
      const ref = String(d.partnerReference);
      if (ours.has(ref)) counts[ref] = (counts[ref] ?? 0) + 1;
    }
    return counts;
  };
  const intakeCases = await countBy(`${prefix}-intake`, 'cases');
  const reintegration = await countBy(`${prefix}-reintegration`, 'reintegration-cases');
  let outboxPending = 0;
  let outboxFailed = 0;
  for (const service of SERVICES) {
    const db = mongo.db(`${prefix}-${service}`);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      outboxPending += await countIds(db.collection(name), { outboxPending: true });
      outboxFailed += await db.collection(name).countDocuments({ 'outboxFailed.0': { $exists: true } });
    }
  }
  return {
    intakeCases,
    reintegration,
    reintegrationCases: Object.values(reintegration).reduce((a, b) => a + b, 0),
    outboxPending,
    outboxFailed,
  };
}

export function checkRun(
  apps: PlannedApplication[],
  transfers: Map<string, TransferPlan>,
  answers: Outbound,
  store: StoreFigures,
  deadLettered: number,
) {
  const violations: string[] = [];
  let duplicates = 0;
  let lost = 0;
  let answered = 0;
  const once = (key: string, type: string, what: string) => {
    const n = answers.answers(key, type).length;
    if (n === 0) {
      lost += 1;
      violations.push(`${key}: no ${what}`);
    } else if (n > 1) {
      duplicates += n - 1;
      violations.push(`${key}: ${n} different ${what}s`);
    }
    return n === 1;
  };
  const arrivedRefs = new Set([...transfers.values()].flatMap((t) => (t.handedOver ? t.arrived : [])));
  for (const { reference } of apps) {
    const ack = once(reference, T.acknowledged, 'acknowledgement');
    const decided = once(reference, T.decided, 'decision');
    if (ack && decided) answered += 1;
    once(reference, T.travelDocument, 'travel document');
    const caseNumbers = new Set(
      [...answers.answers(reference, T.acknowledged), ...answers.answers(reference, T.decided)].map((a) => String(a.value.caseNumber)),
    );
    if (caseNumbers.size > 1) violations.push(`${reference}: case numbers ${[...caseNumbers].join(', ')}`);
    const decisions = new Set(answers.answers(reference, T.decided).map((a) => String(a.value.decision)));
    if (decisions.size > 1 || (decisions.size === 1 && !decisions.has('accepted')))
      violations.push(`${reference}: decided ${[...decisions].join(' and ')} (accepted on proof expected)`);
    if (answers.has(reference, T.rejected)) violations.push(`${reference}: rejected as well as acknowledged`);
    const cases = store.intakeCases[reference] ?? 0;
    if (cases !== 1) {
      if (cases === 0) lost += 1;
      else duplicates += cases - 1;
      violations.push(`${reference}: ${cases} intake cases`);
    }
    const reintegration = store.reintegration[reference] ?? 0;
    const expected = arrivedRefs.has(reference) ? 1 : 0;
    if (reintegration !== expected) {
      if (reintegration < expected) lost += 1;
      else duplicates += reintegration - expected;
      violations.push(`${reference}: ${reintegration} reintegration cases (${expected ? 'arrived' : 'did not arrive'})`);
    }
  }
  let transfersConfirmed = 0;
  for (const [reference, t] of transfers) {
    if (once(reference, T.confirmed, 'transfer confirmation')) transfersConfirmed += 1;
    if (answers.has(reference, T.refused)) violations.push(`${reference}: transfer refused`);
    if (t.handedOver) once(reference, T.completed, 'transfer completion');
    else violations.push(`${reference}: handover never recorded`);
  }
  if (store.outboxPending > 0) violations.push(`${store.outboxPending} documents with outbox records still pending`);
  if (store.outboxFailed > 0) violations.push(`${store.outboxFailed} documents with outbox records set aside (refused by the broker)`);
  if (deadLettered > 0) violations.push(`${deadLettered} records dead-lettered`);
  return {
    figures: {
      answered,
      transfersConfirmed,
      arrived: arrivedRefs.size,
      reintegrationCases: store.reintegrationCases,
      duplicates,
      repeatedCopies: answers.repeatedCopies(),
      lost,
      deadLettered,
    },
    violations,
  };
}
