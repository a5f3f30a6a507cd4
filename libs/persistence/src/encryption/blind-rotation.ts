import { Connection } from 'mongoose';
import { FieldCipher, FieldProtection, blindVersionOf, mapPath } from './field-protection';
import { blindKeyRefreshMs, keyringFor } from './keyring';

/**
 * Rotation of the blind-index key of one database, without downtime (docs/security.md, "Blind-index key rotation"):
 * 1. `addBlindKey`: a new key version is created and added to the versions lookups ask for; once every instance has
 *    read that (the refresh time, waited twice), new indexes are computed with it (and it waits as long again, for
 *    every instance to write with it). Lookups find both old and new.
 * 2. `reindexCollection` per collection: every document whose indexes are of an older version gets them computed
 *    again from its own (opened) fields (`deriveBlind` of the schema's protection).
 * 3. `retireBlindKeys`: when no stored index is of an older version, lookups ask for the new one only and the old
 *    keys are deleted.
 */
export async function addBlindKey(connection: Connection, waitMs = 2 * blindKeyRefreshMs()): Promise<number> {
  const keyring = keyringFor(connection);
  const state = await keyring.blindState();
  const version = Math.max(...state.read, state.write) + 1;
  await keyring.createBlindKey(version);
  await keyring.setBlindState({ write: state.write, read: [...state.read, version] });
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  await keyring.setBlindState({ write: version, read: [...state.read, version] });
  // Instances that had read the state just before keep writing the old version until they read it again.
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  return version;
}

export interface ReindexResult {
  scanned: number;
  /** Documents whose blind indexes were computed again with the current key. */
  reindexed: number;
  /** Documents changed by someone else between the read and the write: left for the next run. */
  skipped: number;
}

/**
 * Step 2 of a blind-key rotation for one collection: documents holding an index of an older key version get their
 * indexes computed again, from their opened fields, with the current key. Safe while the services run: each write is
 * guarded by the old values it replaces (a concurrent change wins and the document is counted `skipped`).
 */
export async function reindexCollection(
  connection: Connection,
  collection: string,
  protection: FieldProtection,
  batchSize = 200,
): Promise<ReindexResult> {
  const blind = protection.blind ?? [];
  if (blind.length === 0) return { scanned: 0, reindexed: 0, skipped: 0 };
  if (!protection.deriveBlind)
    throw new Error(`${collection}: its protection declares no deriveBlind, its indexes cannot be computed again`);
  const cipher = FieldCipher.of(connection);
  const { write } = await keyringFor(connection).blindKeys();
  const raw = connection.collection<Record<string, unknown> & { _id: string }>(collection);
  const result: ReindexResult = { scanned: 0, reindexed: 0, skipped: 0 };
  let last: string | undefined;
  for (;;) {
    const batch = await raw
      .find(last !== undefined ? { _id: { $gt: last } } : {})
      .sort({ _id: 1 })
      .limit(batchSize)
      .toArray();
    if (batch.length === 0) return result;
    for (const doc of batch) {
      result.scanned++;
      last = doc._id;
      if ((await staleVersions(doc, blind, write.version)).size === 0) continue;
      const derived = protection.deriveBlind(await cipher.reveal(doc, protection));
      const fresh = await cipher.protect(derived, { encrypt: [], blind });
      const fields = blind.filter((f) => doc[f] !== undefined || derived[f] !== undefined);
      const guard = Object.fromEntries(fields.filter((f) => doc[f] !== undefined).map((f) => [f, doc[f]]));
      const set = fields.filter((f) => fresh[f] !== undefined);
      const unset = fields.filter((f) => fresh[f] === undefined);
      const { matchedCount } = await raw.updateOne(
        { _id: doc._id, ...guard },
        {
          $set: Object.fromEntries(set.map((f) => [f, fresh[f]])),
          ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((f) => [f, ''])) } : {}),
        },
      );
      if (matchedCount > 0) result.reindexed++;
      else result.skipped++;
    }
  }
}

/** How many documents of a collection still hold an index of a version other than `current`. */
export async function countStaleIndexes(
  connection: Connection,
  collection: string,
  protection: FieldProtection,
  current: number,
): Promise<number> {
  const blind = protection.blind ?? [];
  if (blind.length === 0) return 0;
  const raw = connection.collection<Record<string, unknown> & { _id: string }>(collection);
  let stale = 0;
  for await (const doc of raw.find({}, { projection: Object.fromEntries(blind.map((f) => [f, 1])) }))
    if ((await staleVersions(doc, blind, current)).size > 0) stale++;
  return stale;
}

/**
 * Step 3: once no collection holds an index of an older version (`collections`: every protected collection of the
 * database), lookups ask for the current version only and the older keys are deleted. Refuses (and changes nothing)
 * while any stale index is left.
 */
export async function retireBlindKeys(
  connection: Connection,
  collections: { name: string; protection: FieldProtection }[],
): Promise<{ retired: number[]; stale: Record<string, number> }> {
  const keyring = keyringFor(connection);
  const state = await keyring.blindState();
  const stale: Record<string, number> = {};
  for (const { name, protection } of collections) {
    const count = await countStaleIndexes(connection, name, protection, state.write);
    if (count > 0) stale[name] = count;
  }
  if (Object.keys(stale).length > 0) return { retired: [], stale };
  const retired = state.read.filter((v) => v !== state.write);
  await keyring.setBlindState({ write: state.write, read: [state.write] });
  await keyring.deleteBlindKeys(retired);
  return { retired, stale };
}

async function staleVersions(doc: Record<string, unknown>, blind: readonly string[], current: number): Promise<Set<number>> {
  const versions = new Set<number>();
  for (const path of blind)
    await mapPath(doc, path.split('.'), async (value) => {
      for (const v of Array.isArray(value) ? value : [value]) {
        const version = blindVersionOf(v);
        if (version !== undefined && version !== current) versions.add(version);
      }
      return value;
    });
  return versions;
}
