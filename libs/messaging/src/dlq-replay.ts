import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IHeaders } from 'kafkajs';

/**
 * Headers of a record replayed from a dead-letter topic by `npm run dlq -- replay`. The replayed record is the
 * original one (same topic, key, value and headers) plus these. `received_at` is the original record's broker
 * timestamp: a consumer takes it instead of the replay's own timestamp, so that a replayed partner application
 * keeps its time of receipt (intake judges time limits from it).
 *
 * A partner writes its inbound topic and could write these headers too, so they count only when signed: the
 * signature is an HMAC-SHA256, with the DLQ_REPLAY_KEY shared by the tool and the services, over the topic, the
 * dead-letter position, the time of receipt, who replayed and a hash of the key and value. A header that does not
 * verify is ignored (the record is judged at its own broker time) and logged.
 */
export const REPLAY_HEADERS = {
  receivedAt: 'readmission_replay_received_at',
  of: 'readmission_replay_of',
  by: 'readmission_replay_by',
  signature: 'readmission_replay_signature',
} as const;

export interface ReplayStamp {
  /** The original record's timestamp (epoch milliseconds, as Kafka gives it). */
  receivedAt: string;
  /** `<dead-letter topic>/<partition>/<offset>` of the record replayed. */
  of: string;
  by: string;
}

interface Signed {
  topic: string;
  key: string | Buffer | null;
  value: string | Buffer | null;
}

function digest(secret: string, record: Signed, stamp: ReplayStamp): string {
  const content = createHash('sha256')
    .update(record.key ?? '')
    .update('\0')
    .update(record.value ?? '')
    .digest('hex');
  return createHmac('sha256', secret)
    .update(JSON.stringify([record.topic, stamp.of, stamp.receivedAt, stamp.by, content]))
    .digest('hex');
}

/** The replay headers for a record going back to its (logical) topic. */
export function replayHeaders(secret: string, record: Signed, stamp: ReplayStamp): Record<string, string> {
  return {
    [REPLAY_HEADERS.receivedAt]: stamp.receivedAt,
    [REPLAY_HEADERS.of]: stamp.of,
    [REPLAY_HEADERS.by]: stamp.by,
    [REPLAY_HEADERS.signature]: digest(secret, record, stamp),
  };
}

export type ReplayCheck =
  | { replayed: false }
  | { replayed: true; valid: true; stamp: ReplayStamp }
  | { replayed: true; valid: false; reason: string };

/** Whether a consumed record (its logical topic) is a replay, and if so whether its stamp verifies with `secret`. */
export function checkReplay(
  topic: string,
  message: { key: Buffer | null; value: Buffer | null; headers?: IHeaders },
  secret?: string,
): ReplayCheck {
  const text = (name: string) => {
    const raw = message.headers?.[name];
    const first = Array.isArray(raw) ? raw[0] : raw;
    return first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  };
  const signature = text(REPLAY_HEADERS.signature);
  const receivedAt = text(REPLAY_HEADERS.receivedAt);
  if (signature === undefined && receivedAt === undefined) return { replayed: false };
  if (!secret) return { replayed: true, valid: false, reason: 'no DLQ_REPLAY_KEY is configured' };
  const stamp = { receivedAt: receivedAt ?? '', of: text(REPLAY_HEADERS.of) ?? '', by: text(REPLAY_HEADERS.by) ?? '' };
  if (!/^\d{1,15}$/.test(stamp.receivedAt)) return { replayed: true, valid: false, reason: 'the time of receipt is not a timestamp' };
  const expected = Buffer.from(digest(secret, { topic, key: message.key, value: message.value }, stamp), 'hex');
  const given = Buffer.from(signature ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { replayed: true, valid: false, reason: 'the signature does not verify' };
  return { replayed: true, valid: true, stamp };
}
