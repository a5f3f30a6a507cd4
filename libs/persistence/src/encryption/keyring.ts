import { randomBytes } from 'crypto';
import { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../errors';
import { KeyProvider, devKeyProvider } from './key-provider';

/** Each database's data keys, every one wrapped by a master key (collection `encryption-keys`). */
export const KEYRING_COLLECTION = 'encryption-keys';

/** Where the development master key file is created when no key file is configured (never used in production). */
export const DEV_KEY_FILE = '.local/keys/encryption-master-keys.json';

export interface StoredDataKey {
  /** `data:<master key id>` (encrypts values) or `blind-index` (the HMAC key of the blind indexes). */
  _id: string;
  masterKeyId: string;
  wrapped: string;
  createdAt: Date;
  rewrappedAt?: Date;
}

/** The document (in `encryption-keys`) naming the blind-index keys in use; absent: version 1 only. */
export const BLIND_STATE_ID = 'blind-index-state';

/**
 * Which blind-index key versions a database uses: new indexes are computed with `write`, lookups ask for the indexes
 * of every version in `read` (during a rotation: the old and the new). Version 1 is the key `blind-index`, version n
 * the key `blind-index:<n>`.
 */
export interface BlindKeyState {
  write: number;
  read: number[];
}

export interface BlindKey {
  version: number;
  key: Buffer;
}

/** The key document of blind-index version `version`. */
export function blindKeyId(version: number): string {
  return version === 1 ? 'blind-index' : `blind-index:${version}`;
}

/** How long an instance keeps the blind key state before reading it again (a rotation waits at least this long between steps). */
let blindStateTtlMs = 10_000;
export function configureBlindKeyRefresh(ms: number): void {
  blindStateTtlMs = ms;
}
export function blindKeyRefreshMs(): number {
  return blindStateTtlMs;
}

let provider: KeyProvider | undefined;
let keyrings = new WeakMap<Connection, Keyring>();

/** The master key provider of this process (PlatformModule sets it from ENCRYPTION_KEY_FILE at boot). */
export function configureEncryption(keys: KeyProvider): void {
  provider = keys;
  keyrings = new WeakMap();
}

/** The configured provider, or the development key file (created on first use) when none is configured (library tests). */
export function encryptionKeys(): KeyProvider {
  provider ??= devKeyProvider(DEV_KEY_FILE);
  return provider;
}

/** The keyring of one database (one per connection and process). */
export function keyringFor(connection: Connection): Keyring {
  let ring = keyrings.get(connection);
  if (!ring) keyrings.set(connection, (ring = new Keyring(connection, encryptionKeys())));
  return ring;
}

/**
 * Data keys of one database. New values are encrypted with the data key of the current master key
 * (`data:<masterKeyId>`, created by the first instance that needs it: a unique insert, so instances agree); values
 * written under older master keys name their data key and stay readable while the key file holds that master key.
 * The blind-index key is one per database for its whole life (a new one would change every index): a master key
 * rotation re-wraps it (`rewrap`), it is never replaced.
 */
export class Keyring {
  private current?: Promise<{ id: string; key: Buffer }>;
  private readonly loaded = new Map<string, Promise<Buffer>>();
  private blind?: { at: number; keys: Promise<{ write: BlindKey; read: BlindKey[] }> };

  constructor(
    private readonly connection: Connection,
    readonly provider: KeyProvider,
  ) {}

  /** The data key new values are sealed with, and its id. */
  dataKey(): Promise<{ id: string; key: Buffer }> {
    const id = `data:${this.provider.currentKeyId}`;
    this.current ??= this.obtain(id)
      .then((key) => ({ id, key }))
      .catch((error) => {
        this.current = undefined;
        throw error;
      });
    return this.current;
  }

  /** The data key a stored value names. */
  key(id: string): Promise<Buffer> {
    let key = this.loaded.get(id);
    if (!key) {
      key = this.read(id).then((stored) => {
        if (!stored) throw new Error(`data key ${id} is not in ${KEYRING_COLLECTION}`);
        return this.provider.unwrap(stored.masterKeyId, stored.wrapped);
      });
      key.catch(() => this.loaded.delete(id));
      this.loaded.set(id, key);
    }
    return key;
  }

  /** The HMAC keys of the blind indexes: the one new indexes are computed with, and those lookups ask for (state read again after the refresh time). */
  blindKeys(): Promise<{ write: BlindKey; read: BlindKey[] }> {
    if (!this.blind || Date.now() - this.blind.at >= blindStateTtlMs) {
      const keys = this.blindState().then(async (state) => {
        const load = async (version: number): Promise<BlindKey> => ({ version, key: await this.obtain(blindKeyId(version)) });
        return { write: await load(state.write), read: await Promise.all(state.read.map(load)) };
      });
      keys.catch(() => (this.blind = undefined));
      this.blind = { at: Date.now(), keys };
    }
    return this.blind.keys;
  }

  /** The blind key state as stored (version 1 alone when none is). */
  async blindState(): Promise<BlindKeyState> {
    const stored = await this.collection().findOne({ _id: BLIND_STATE_ID });
    const state = stored as unknown as (BlindKeyState & { _id: string }) | null;
    return state ? { write: state.write, read: state.read } : { write: 1, read: [1] };
  }

  /** Stores a new blind key state (rotation steps); this instance reads it at once, others within the refresh time. */
  async setBlindState(state: BlindKeyState): Promise<void> {
    await this.collection().updateOne({ _id: BLIND_STATE_ID }, { $set: state as never }, { upsert: true });
    this.blind = undefined;
  }

  /** Creates blind key `version` (once) and returns it. */
  async createBlindKey(version: number): Promise<void> {
    await this.obtain(blindKeyId(version));
  }

  /** Deletes retired blind keys: indexes made with them can never be computed again. */
  async deleteBlindKeys(versions: number[]): Promise<void> {
    if (versions.length > 0) await this.collection().deleteMany({ _id: { $in: versions.map(blindKeyId) } });
    for (const v of versions) this.loaded.delete(blindKeyId(v));
    this.blind = undefined;
  }

  /** Re-wraps every data key not wrapped by the current master key (rotation: afterwards old master keys wrap nothing). */
  async rewrap(): Promise<string[]> {
    const stale = await this.collection()
      .find({ masterKeyId: { $exists: true, $ne: this.provider.currentKeyId } })
      .toArray();
    const done: string[] = [];
    for (const stored of stale) {
      const key = await this.provider.unwrap(stored.masterKeyId, stored.wrapped);
      const { masterKeyId, wrapped } = await this.provider.wrap(key);
      const { matchedCount } = await this.collection().updateOne(
        { _id: stored._id, masterKeyId: stored.masterKeyId },
        { $set: { masterKeyId, wrapped, rewrappedAt: new Date() } },
      );
      if (matchedCount > 0) done.push(stored._id);
    }
    return done;
  }

  private collection() {
    return this.connection.collection<StoredDataKey>(KEYRING_COLLECTION);
  }

  private read(id: string): Promise<StoredDataKey | null> {
    return this.collection().findOne({ _id: id });
  }

  /** The stored key `id`, or a new random one inserted once (the first instance wins; the others read its key). */
  private async obtain(id: string): Promise<Buffer> {
    const stored = await this.read(id);
    if (stored) return this.key(id);
    const key = randomBytes(32);
    const { masterKeyId, wrapped } = await this.provider.wrap(key);
    try {
      await this.collection().insertOne({ _id: id, masterKeyId, wrapped, createdAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return this.key(id);
    }
    this.loaded.set(id, Promise.resolve(key));
    return key;
  }
}
