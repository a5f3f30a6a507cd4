import { Connection } from 'mongoose';
import { keyringFor } from './keyring';
import { FieldCipher, FieldProtection, blindVersionOf, isSealed, mapPath, sealedKeyId } from './field-protection';

export interface ReencryptResult {
  scanned: number;
  /** Documents whose values were sealed again with the current data key (or sealed for the first time). */
  rewritten: number;
  /** Documents changed by someone else between the read and the write: left for the next run. */
  skipped: number;
  /** The last _id looked at: pass it as `after` to resume an interrupted run. */
  last?: string;
}

/**
 * The re-encryption sweep of one collection (key rotation, step 2): every document holding a value sealed with
 * an older data key, or a personal field still in clear (written before encryption), is written again with the
 * current data key; search keys still in clear are blinded. Batches by _id, resumable (`after`), safe while the
 * service runs: each write is guarded by the old values of the fields it rewrites, so a concurrent change wins
 * and the document is counted `skipped` (run again).
 */
export async function reencryptCollection(
  connection: Connection,
  collection: string,
  protection: FieldProtection,
  options: { batchSize?: number; after?: string } = {},
): Promise<ReencryptResult> {
  const cipher = FieldCipher.of(connection);
  const { id: currentKey } = await keyringFor(connection).dataKey();
  const raw = connection.collection<Record<string, unknown> & { _id: string }>(collection);
  const fields = [...new Set([...protection.encrypt, ...(protection.blind ?? [])].map((p) => p.split('.')[0]))];
  const result: ReencryptResult = { scanned: 0, rewritten: 0, skipped: 0, last: options.after };
  for (;;) {
    const batch = await raw
      .find(result.last !== undefined ? { _id: { $gt: result.last } } : {})
      .sort({ _id: 1 })
      .limit(options.batchSize ?? 200)
      .toArray();
    if (batch.length === 0) return result;
    for (const doc of batch) {
      result.scanned++;
      result.last = doc._id;
      if (!(await isStale(doc, protection, currentKey))) continue;
      const fresh = await cipher.protect(await cipher.reveal(doc, protection), protection);
      const present = fields.filter((f) => doc[f] !== undefined);
      const guard = Object.fromEntries(present.map((f) => [f, doc[f]]));
      const { matchedCount } = await raw.updateOne(
        { _id: doc._id, ...guard },
        { $set: Object.fromEntries(present.map((f) => [f, fresh[f]])) },
      );
      if (matchedCount > 0) result.rewritten++;
      else result.skipped++;
    }
  }
}

async function isStale(doc: Record<string, unknown>, protection: FieldProtection, currentKey: string): Promise<boolean> {
  let stale = false;
  const check = (test: (v: unknown) => boolean) => async (value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== null && v !== undefined && test(v)) stale = true;
    return value;
  };
  for (const path of protection.encrypt)
    await mapPath(
      doc,
      path.split('.'),
      check((v) => !isSealed(v) || sealedKeyId(v) !== currentKey),
    );
  for (const path of protection.blind ?? [])
    await mapPath(
      doc,
      path.split('.'),
      check((v) => typeof v === 'string' && blindVersionOf(v) === undefined),
    );
  return stale;
}
