import { pbkdf2Sync, randomBytes } from 'crypto';
import { Kafka } from 'kafkajs';

/**
 * SCRAM users through the admin API (AlterUserScramCredentials, KIP-554), which kafkajs 2.2.4 lacks: the request is
 * encoded here and sent on a kafkajs broker connection (authenticated as the admin). Only the salted password
 * travels (PBKDF2, as SCRAM stores it): the password itself never leaves this process.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Encoder = require('kafkajs/src/protocol/encoder');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Decoder = require('kafkajs/src/protocol/decoder');

const API_KEY = 51; // AlterUserScramCredentials
const SCRAM_SHA_512 = 2;
export const SCRAM_ITERATIONS = 8192;

export interface ScramUser {
  name: string;
  password: string;
}

interface EncoderLike {
  writeInt8(v: number): EncoderLike;
  writeInt32(v: number): EncoderLike;
  writeUVarInt(v: number): EncoderLike;
  writeUVarIntString(v: string): EncoderLike;
  writeUVarIntBytes(v: Buffer): EncoderLike;
}

/** Creates or replaces each user's SCRAM-SHA-512 credential. Throws naming the users the broker refused. */
export async function upsertScramUsers(kafka: Kafka, users: ScramUser[]): Promise<void> {
  if (users.length === 0) return;
  const cluster = kafkajsCluster(kafka);
  await cluster.connect();
  await cluster.refreshMetadata();
  try {
    const broker = await cluster.findControllerBroker();
    const results: { user: string; errorCode: number; errorMessage: string | null }[] = await broker.connectionPool.send({
      request: {
        apiKey: API_KEY,
        apiVersion: 0,
        apiName: 'AlterUserScramCredentials',
        encode: async () => encodeRequest(users),
      },
      response: {
        decode: async (raw: Buffer) => raw,
        parse: async (raw: Buffer) => decodeResponse(raw),
      },
    });
    const refused = results.filter((r) => r.errorCode !== 0);
    if (refused.length > 0) {
      throw new Error(
        `the broker refused SCRAM credentials: ${refused.map((r) => `${r.user} (${r.errorCode}: ${r.errorMessage ?? ''})`).join(', ')}`,
      );
    }
  } finally {
    await cluster.disconnect();
  }
}

function encodeRequest(users: ScramUser[]): EncoderLike {
  // Flexible version: the request header's tagged fields come first (kafkajs writes header v1).
  const e: EncoderLike = new Encoder();
  e.writeUVarInt(0);
  e.writeUVarInt(1); // deletions: none
  e.writeUVarInt(users.length + 1);
  for (const user of users) {
    const salt = randomBytes(32);
    const salted = pbkdf2Sync(user.password, salt, SCRAM_ITERATIONS, 64, 'sha512');
    e.writeUVarIntString(user.name).writeInt8(SCRAM_SHA_512).writeInt32(SCRAM_ITERATIONS);
    e.writeUVarIntBytes(salt).writeUVarIntBytes(salted).writeUVarInt(0);
  }
  e.writeUVarInt(0);
  return e;
}

function decodeResponse(raw: Buffer) {
  const d = new Decoder(raw);
  d.readTaggedFields(); // response header v1
  d.readInt32(); // throttle time
  const results = d.readUVarIntArray((item: typeof d) => {
    const user = item.readUVarIntString();
    const errorCode = item.readInt16();
    const errorMessage = item.readUVarIntString();
    item.readTaggedFields();
    return { user, errorCode, errorMessage };
  });
  return results;
}

/** kafkajs's cluster of this client (same brokers, TLS and SASL), reached through its private factory. */
export function kafkajsCluster(kafka: Kafka): KafkajsCluster {
  const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!factory) throw new Error('this kafkajs version does not expose its cluster factory');
  const create = (kafka as unknown as Record<symbol, (o: object) => KafkajsCluster>)[factory];
  return create({ metadataMaxAge: 300_000, allowAutoTopicCreation: false });
}

export interface KafkajsCluster {
  connect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  disconnect(): Promise<void>;
  findControllerBroker(): Promise<{
    connectionPool: { send<T>(r: object): Promise<T> };
    findGroupCoordinator(request: { groupId: string; coordinatorType: number }): Promise<unknown>;
  }>;
}
