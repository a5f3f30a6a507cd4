import type { FieldError } from './validation';

/**
 * Limits that hold for every message, whatever its contract: hostile input is refused before the validator walks
 * it (class-transformer and class-validator recurse, so a deep record would throw RangeError), and what the
 * platform says back about it stays small enough to pass the outbound contract.
 */
export const INPUT_LIMITS = {
  /** No contract nests deeper than 4; 32 leaves room and keeps every walk far from the stack's limit. */
  depth: 32,
  /** No contract field name is longer than 32 characters. */
  fieldName: 128,
  /** The largest array of any contract has 500 items (transfer notice); above this the array is refused unread. */
  arrayItems: 1000,
  /** Record keys: partner references are at most 64 characters, the rejection echoes at most 256. */
  key: 256,
} as const;

/** Limits of what a rejection says back (it must itself pass the outbound contract, see RejectionReasonV1). */
export const REASON_LIMITS = {
  /** Reasons listed; the rest are counted in one last reason. */
  count: 20,
  field: 256,
  message: 500,
  /** A header value echoed (ce_id, ce_type) in a reason or an envelope. */
  header: 200,
} as const;

/** Names a JSON value may never use as a field: they reach Object.prototype in plain JavaScript objects. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Cuts a text to `max` characters, saying that it did. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const suffix = `…(${text.length} chars)`;
  return text.slice(0, Math.max(0, max - suffix.length)) + suffix;
}

/**
 * Walks a parsed JSON value without recursion and reports what no contract allows: nesting deeper than
 * INPUT_LIMITS.depth, field names longer than INPUT_LIMITS.fieldName, `$`-prefixed names (operators to a
 * store), prototype names, arrays longer than INPUT_LIMITS.arrayItems. At most REASON_LIMITS.count errors.
 */
export function structuralErrors(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '$', depth: 0 }];
  while (stack.length > 0 && errors.length < REASON_LIMITS.count) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= INPUT_LIMITS.depth) {
      errors.push({ field: truncate(path, REASON_LIMITS.field), message: `nested deeper than ${INPUT_LIMITS.depth} levels` });
      continue;
    }
    if (Array.isArray(node)) {
      if (node.length > INPUT_LIMITS.arrayItems) {
        errors.push({
          field: truncate(path, REASON_LIMITS.field),
          message: `has ${node.length} items; no field allows more than ${INPUT_LIMITS.arrayItems}`,
        });
        continue;
      }
      for (let i = node.length - 1; i >= 0; i--) stack.push({ value: node[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const names = Object.keys(node);
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i];
      const problem =
        name.length > INPUT_LIMITS.fieldName
          ? `a field name of ${name.length} characters is not a field of this message`
          : name.startsWith('$')
            ? `${name} is not a field of this message ('$' names are refused)`
            : PROTOTYPE_NAMES.has(name)
              ? `${name} is not a field of this message`
              : undefined;
      const childPath = `${path}.${name.length > INPUT_LIMITS.fieldName ? truncate(name, 40) : name}`;
      if (problem) errors.push({ field: truncate(childPath, REASON_LIMITS.field), message: problem });
      else stack.push({ value: (node as Record<string, unknown>)[name], path: childPath, depth: depth + 1 });
    }
  }
  return errors.slice(0, REASON_LIMITS.count);
}

/**
 * At most REASON_LIMITS.count reasons, each field and message cut to its limit, and one more reason that counts
 * the rest: a record with 20,000 bad items gets a rejection of a few kilobytes, not megabytes.
 */
export function boundReasons<R extends { field?: string; message: string }>(reasons: R[], more: (rest: number) => R): R[] {
  const bounded = reasons.slice(0, REASON_LIMITS.count).map((r) => ({
    ...r,
    ...(r.field === undefined ? {} : { field: truncate(r.field, REASON_LIMITS.field) }),
    message: truncate(r.message, REASON_LIMITS.message),
  }));
  const rest = reasons.length - bounded.length;
  return rest > 0 ? [...bounded, more(rest)] : bounded;
}

/**
 * The most bytes one record the platform publishes may take (key, value and headers): the broker refuses a batch
 * over `message.max.bytes` (1,048,588 by default), and a record must fit with the batch's overhead. A record over
 * the budget is refused before it is queued, as a permanent error, never retried.
 */
export const RECORD_BUDGET_BYTES = 1_000_000;

/**
 * The largest record batch the broker accepts (`message.max.bytes`, Kafka's default, which the platform's topics
 * keep): a partner's producer may send batches up to this size, so a consumer fetches at least this much per
 * partition (see the messaging layer's `maxBytesPerPartition`).
 */
export const BROKER_MAX_BATCH_BYTES = 1_048_588;

/** The bytes a record takes on the wire, near enough for the budget (key, value, header names and values). */
export function recordBytes(record: {
  key?: string | Buffer | null;
  value?: string | Buffer | null;
  headers?: Record<string, string | Buffer | undefined>;
}): number {
  const size = (v: string | Buffer | null | undefined) => (v === null || v === undefined ? 0 : Buffer.byteLength(v));
  let total = size(record.key) + size(record.value);
  for (const [name, value] of Object.entries(record.headers ?? {})) total += Buffer.byteLength(name) + size(value);
  return total;
}
