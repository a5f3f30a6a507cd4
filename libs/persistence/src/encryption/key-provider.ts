import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';

/**
 * Where master keys live. A master key never encrypts data itself: it wraps (encrypts) the data keys kept in each
 * database's `encryption-keys` collection (envelope encryption). A KMS-style provider (a cloud KMS, an HSM, Vault's
 * transit engine) implements the same three members; the platform ships the key-file provider.
 */
export interface KeyProvider {
  /** The master key new data keys are wrapped with. */
  readonly currentKeyId: string;
  /** Wraps a data key with the current master key. */
  wrap(dataKey: Buffer): Promise<{ masterKeyId: string; wrapped: string }>;
  /** Unwraps a data key wrapped with master key `masterKeyId`; fails if this provider does not hold that key. */
  unwrap(masterKeyId: string, wrapped: string): Promise<Buffer>;
}

/** A master key file: `{ "current": "<id>", "keys": { "<id>": "<32 bytes, base64>", ... } }` (older keys stay for reading). */
export interface MasterKeyFile {
  current: string;
  keys: Record<string, string>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Master keys from a file (a mounted secret in production): AES-256-GCM key wrapping. */
export class FileKeyProvider implements KeyProvider {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(file: MasterKeyFile, source = 'key file') {
    if (!file || typeof file !== 'object' || typeof file.keys !== 'object' || file.keys === null)
      throw new Error(`${source}: expected { "current": "<id>", "keys": { "<id>": "<base64>" } }`);
    for (const [id, encoded] of Object.entries(file.keys)) {
      if (!KEY_ID.test(id)) throw new Error(`${source}: master key id "${id}" must be letters, digits, '.', '_' or '-'`);
      const key = Buffer.from(String(encoded), 'base64');
      if (key.length !== 32) throw new Error(`${source}: master key ${id} must be 32 bytes (base64), got ${key.length}`);
      this.keys.set(id, key);
    }
    if (!this.keys.has(file.current)) throw new Error(`${source}: current master key "${file.current}" is not among its keys`);
    this.currentKeyId = file.current;
  }

  static fromFile(path: string): FileKeyProvider {
    let parsed: MasterKeyFile;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8')) as MasterKeyFile;
    } catch (error) {
      throw new Error(`encryption key file ${path} cannot be read: ${(error as Error).message}`);
    }
    return new FileKeyProvider(parsed, `encryption key file ${path}`);
  }

  async wrap(dataKey: Buffer): Promise<{ masterKeyId: string; wrapped: string }> {
    return {
      masterKeyId: this.currentKeyId,
      wrapped: gcmSeal(this.master(this.currentKeyId), dataKey, this.currentKeyId).toString('base64'),
    };
  }

  async unwrap(masterKeyId: string, wrapped: string): Promise<Buffer> {
    return gcmOpen(this.master(masterKeyId), Buffer.from(wrapped, 'base64'), masterKeyId);
  }

  private master(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key)
      throw new Error(`master key ${id} is not in the key file (rotation: keep old keys in the file until the re-encryption has run)`);
    return key;
  }
}

/** A new master key file content with one random key (what `scripts/encryption-keys.sh` and the dev default write). */
export function newMasterKeyFile(id = `mk-${new Date().toISOString().slice(0, 10)}`): MasterKeyFile {
  return { current: id, keys: { [id]: randomBytes(32).toString('base64') } };
}

/** Adds a new random master key to a key file and makes it current (rotation step 1); returns its id. */
export function addMasterKey(path: string, id: string): string {
  const file = JSON.parse(readFileSync(path, 'utf8')) as MasterKeyFile;
  if (file.keys[id]) throw new Error(`master key ${id} already exists in ${path}`);
  file.keys[id] = randomBytes(32).toString('base64');
  file.current = id;
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return id;
}

/** The development key file, created with a random key when missing (never in production: settings refuse it). */
export function devKeyProvider(path: string): FileKeyProvider {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, `${JSON.stringify(newMasterKeyFile('dev-1'), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process created it first
    }
  }
  return FileKeyProvider.fromFile(path);
}

/** AES-256-GCM: 12-byte IV, 16-byte tag, then the ciphertext; `aad` is authenticated, not encrypted. */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function gcmOpen(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new Error('encrypted value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
