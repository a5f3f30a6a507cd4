import { createHmac } from 'crypto';
import { Connection, Schema, mongo } from 'mongoose';
import { BlindKey, Keyring, keyringFor } from './keyring';
import { gcmOpen, gcmSeal } from './key-provider';

/**
 * Which fields of a collection hold personal data, declared on its schema (`protectFields`):
 * - `encrypt`: paths whose values are stored sealed (AES-256-GCM with the database's current data key, the key id
 *   kept in the value). A path may cross arrays (`history.payload`: the payload of every history entry); a path
 *   that ends on an array seals each element on its own, so `$push` of one element works.
 * - `blind`: paths holding search keys (a string or an array of strings) stored as blind indexes (keyed HMAC):
 *   equal keys give equal indexes, so exact lookups and `$in`/`$all` work; nothing else can be read back.
 */
export interface FieldProtection {
  encrypt: readonly string[];
  blind?: readonly string[];
  /**
   * The search keys of a document in clear, computed from its opened fields (top-level `blind` fields only): what
   * `reindexCollection` blinds again with a new blind-index key (an index cannot be turned into another one).
   */
  deriveBlind?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

const OPTION = 'protectedFields';
/** Sealed values: `enc:1:<data key id>:<base64 of iv | tag | ciphertext>`. */
const SEALED = /^enc:1:([^:]+:[^:]+|[^:]+):([A-Za-z0-9+/=]+)$/;
/** Blind indexes: `bi:<mac>` (key version 1) or `bi<n>:<mac>` (version n). */
const BLIND_INDEX = /^bi(\d*):/;
const OUTBOX_PATH = 'outbox.value';

export function protectFields<S extends Schema>(schema: S, protection: FieldProtection): S {
  schema.set(OPTION as never, protection as never);
  return schema;
}

export function protectionOf(schema: Schema): FieldProtection | undefined {
  return schema.get(OPTION as never) as FieldProtection | undefined;
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('enc:1:');
}

/** The data key id a sealed value was written with. */
export function sealedKeyId(value: string): string | undefined {
  return SEALED.exec(value)?.[1];
}

/** Seals and opens values, computes blind indexes: one database's keys. */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  static of(connection: Connection): FieldCipher {
    return new FieldCipher(keyringFor(connection));
  }

  /** Any BSON value (string, number, date, object, array) sealed with the current data key, bound to `path`. */
  async seal(value: unknown, path: string): Promise<string> {
    const { id, key } = await this.keyring.dataKey();
    return `enc:1:${id}:${gcmSeal(key, Buffer.from(mongo.BSON.serialize({ v: value })), `${id}|${path}`).toString('base64')}`;
  }

  /** The value a sealed string holds; anything else (a value written before encryption) is returned as it is. */
  async open(value: unknown, path: string): Promise<unknown> {
    if (!isSealed(value)) return value;
    const match = SEALED.exec(value);
    if (!match) throw new Error(`malformed encrypted value in ${path}`);
    const [, id, body] = match;
    const plain = gcmOpen(await this.keyring.key(id), Buffer.from(body, 'base64'), `${id}|${path}`);
    return mongo.BSON.deserialize(plain, { promoteBuffers: true }).v;
  }

  /** The blind index of a search key for `path` (same key, same index; a different path gives a different index). */
  async blind(value: string, path: string): Promise<string> {
    if (BLIND_INDEX.test(value)) return value; // already an index (idempotent)
    return blindWith((await this.keyring.blindKeys()).write, value, path);
  }

  /** Every index a lookup of `value` must ask for: one per blind key in use (two while a key is being rotated). */
  async blindVariants(value: string, path: string): Promise<string[]> {
    if (BLIND_INDEX.test(value)) return [value];
    return (await this.keyring.blindKeys()).read.map((key) => blindWith(key, value, path));
  }

  /** A document (or a plain field set) with its protected paths sealed and its search keys blinded. */
  async protect<T>(doc: T, protection: FieldProtection): Promise<T> {
    let out: unknown = doc;
    for (const path of protection.encrypt) out = await mapPath(out, path.split('.'), (v) => this.eachElement(v, (e) => this.seal(e, path)));
    for (const path of protection.blind ?? [])
      out = await mapPath(out, path.split('.'), (v) => this.eachElement(v, (e) => this.blindAny(e, path)));
    return out as T;
  }

  /** A document as read, with its sealed paths opened (search keys stay blinded). */
  async reveal<T>(doc: T, protection: FieldProtection): Promise<T> {
    let out: unknown = doc;
    for (const path of protection.encrypt) out = await mapPath(out, path.split('.'), (v) => this.eachElement(v, (e) => this.open(e, path)));
    return out as T;
  }

  /** An update (operator form) with what it writes into protected paths sealed or blinded. */
  async protectUpdate(update: Record<string, unknown>, protection: FieldProtection): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { ...update };
    for (const op of ['$set', '$setOnInsert', '$push', '$addToSet'] as const) {
      const fields = update[op] as Record<string, unknown> | undefined;
      if (!fields) continue;
      const written: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        const each = (op === '$push' || op === '$addToSet') && isEach(value);
        const elements = each ? (value as { $each: unknown[] }).$each : [value];
        const element = op === '$push' || op === '$addToSet';
        const protectedElements = await Promise.all(elements.map((e) => this.protectAt(key, e, protection, element)));
        written[key] = each ? { ...(value as object), $each: protectedElements } : protectedElements[0];
      }
      out[op] = written;
    }
    for (const op of ['$pull', '$inc', '$rename'] as const) {
      for (const key of Object.keys((update[op] as object | undefined) ?? {})) assertNotProtected(key, protection, op);
    }
    return out;
  }

  /** A filter with its search keys blinded; a condition on a sealed path is refused (it could never match). */
  async protectFilter<F extends Record<string, unknown>>(filter: F, protection: FieldProtection): Promise<F> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        out[key] = await Promise.all((value as Record<string, unknown>[]).map((f) => this.protectFilter(f, protection)));
      } else if ((protection.blind ?? []).includes(key)) {
        const { $all, ...rest } = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
        if (Array.isArray($all)) {
          // `$all` with several keys in use: each value must match one of its indexes.
          const each = await Promise.all($all.map(async (v) => ({ [key]: { $in: await this.variantsOf(v, key) } })));
          out.$and = [...((out.$and as unknown[]) ?? []), ...each];
          if (Object.keys(rest).length > 0) out[key] = await this.blindCondition(rest, key);
        } else out[key] = await this.blindCondition(value, key);
      } else {
        assertNotProtected(key, protection, 'filter', true);
        out[key] = value;
      }
    }
    return out as F;
  }

  /** `value` written at update key `key` (an element of it when `element`: $push), protected as its path requires. */
  private async protectAt(key: string, value: unknown, protection: FieldProtection, element: boolean): Promise<unknown> {
    const field = key
      .split('.')
      .filter((s) => !/^(\d+|\$.*)$/.test(s))
      .join('.');
    const positional = field !== key || element; // the value is one element of an array field
    let out = value;
    for (const [paths, apply] of [
      [protection.encrypt, (v: unknown, p: string) => this.seal(v, p)],
      [protection.blind ?? [], (v: unknown, p: string) => this.blindAny(v, p)],
    ] as const) {
      for (const path of paths) {
        if (path === field) out = positional ? await apply(out, path) : await this.eachElement(out, (e) => apply(e, path));
        else if (path.startsWith(`${field}.`))
          out = await mapPath(out, path.slice(field.length + 1).split('.'), (v) => this.eachElement(v, (e) => apply(e, path)));
        else if (field.startsWith(`${path}.`)) throw new Error(`${key}: cannot change part of the protected field ${path}; write it whole`);
      }
    }
    return out;
  }

  private async blindCondition(condition: unknown, path: string): Promise<unknown> {
    if (typeof condition === 'string') {
      const variants = await this.blindVariants(condition, path);
      return variants.length === 1 ? variants[0] : { $in: variants };
    }
    if (Array.isArray(condition)) return Promise.all(condition.map((v) => this.blindAny(v, path)));
    if (condition && typeof condition === 'object') {
      const out: Record<string, unknown> = {};
      const all = async (operand: unknown) => (await Promise.all((operand as unknown[]).map((v) => this.variantsOf(v, path)))).flat();
      for (const [op, operand] of Object.entries(condition)) {
        if (op === '$eq') out.$in = [...((out.$in as unknown[]) ?? []), ...(await this.variantsOf(operand, path))];
        else if (op === '$ne') out.$nin = [...((out.$nin as unknown[]) ?? []), ...(await this.variantsOf(operand, path))];
        else if (op === '$in' || op === '$nin') out[op] = [...((out[op] as unknown[]) ?? []), ...(await all(operand))];
        else if (op === '$exists' || op === '$size') out[op] = operand;
        else throw new Error(`${path} is a blind index: only equality, $in, $nin and $all can search it (not ${op})`);
      }
      return out;
    }
    return condition;
  }

  private blindAny(value: unknown, path: string): Promise<unknown> {
    return typeof value === 'string' ? this.blind(value, path) : Promise.resolve(value);
  }

  private async variantsOf(value: unknown, path: string): Promise<unknown[]> {
    return typeof value === 'string' ? this.blindVariants(value, path) : [value];
  }

  /** Outgoing records with their values sealed (an outbox holds whole events while they are pending). */
  sealRecords<R extends { value: string | Buffer }>(records: R[]): Promise<R[]> {
    return Promise.all(
      records.map(async (r) => ({
        ...r,
        value: await this.seal(Buffer.isBuffer(r.value) ? r.value.toString('utf8') : r.value, OUTBOX_PATH),
      })),
    );
  }

  /** Records as queued, with sealed values opened for publishing (plain values, from before encryption, as they are). */
  openRecords<R extends { value: string | Buffer }>(records: R[]): Promise<R[]> {
    return Promise.all(
      records.map(async (r) => (isSealed(r.value) ? { ...r, value: (await this.open(r.value, OUTBOX_PATH)) as string } : r)),
    );
  }

  private eachElement(value: unknown, fn: (element: unknown) => Promise<unknown>): Promise<unknown> {
    return Array.isArray(value) ? Promise.all(value.map(fn)) : fn(value);
  }
}

function isEach(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && '$each' in value;
}

function assertNotProtected(key: string, protection: FieldProtection, where: string, allowBlind = false): void {
  const field = key
    .split('.')
    .filter((s) => !/^(\d+|\$.*)$/.test(s))
    .join('.');
  const paths = [...protection.encrypt, ...(allowBlind ? [] : (protection.blind ?? []))];
  for (const path of paths) {
    if (path === field || field.startsWith(`${path}.`) || path.startsWith(`${field}.`))
      throw new Error(`${key}: ${where} on the protected field ${path} is not possible (it is stored encrypted)`);
  }
}

/**
 * `value` with `fn` applied at `segments` (copy on write: the input is never changed). Arrays on the way are
 * walked element by element; a missing or null field is left alone.
 */
export async function mapPath(value: unknown, segments: string[], fn: (v: unknown) => Promise<unknown>): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => mapPath(v, segments, fn)));
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  const [head, ...rest] = segments;
  const current = (value as Record<string, unknown>)[head];
  if (current === undefined || current === null) return value;
  const mapped = rest.length === 0 ? await fn(current) : await mapPath(current, rest, fn);
  return { ...(value as object), [head]: mapped };
}

/** The key version a blind index was computed with, or undefined for a value that is not an index. */
export function blindVersionOf(value: unknown): number | undefined {
  const match = typeof value === 'string' ? BLIND_INDEX.exec(value) : null;
  return match ? Number(match[1] || '1') : undefined;
}

function blindWith({ version, key }: BlindKey, value: string, path: string): string {
  const mac = createHmac('sha256', key).update(`${path}\u0000${value}`).digest('base64url').slice(0, 22);
  return version === 1 ? `bi:${mac}` : `bi${version}:${mac}`;
}
