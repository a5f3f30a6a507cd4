import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { connect } from 'net';
import { Kafka } from 'kafkajs';
import { caFileProblem, createKafka, kafkaSettingsFromEnv } from '@readmission/messaging';
import { CliError, EXIT } from './exit-codes';

/**
 * SASL credentials given on the command line (the password in a file, so that it is in no shell history), and the CA
 * file that turns TLS on (the broker's SASL_SSL listener).
 */
export interface Credentials {
  username?: string;
  passwordFile?: string;
  caFile?: string;
}

/**
 * The platform's own Kafka settings (KAFKA_BROKERS, SSL, SASL from the environment), brokers and SASL user
 * overridable. Fails fast when no broker answers: the client's own retries would take most of a minute to say so.
 */
export async function connectKafka(brokers: string[] | undefined, clientId: string, credentials: Credentials = {}): Promise<Kafka> {
  const settings = kafkaSettingsFromEnv(clientId);
  if (credentials.username) {
    let password = process.env.KAFKA_SASL_PASSWORD ?? '';
    if (credentials.passwordFile) {
      try {
        password = readFileSync(credentials.passwordFile, 'utf8').trim();
      } catch (error) {
        throw new CliError(`cannot read --password-file ${credentials.passwordFile}: ${(error as NodeJS.ErrnoException).code}`, EXIT.usage);
      }
    }
    const mechanism = settings.sasl?.mechanism ?? 'scram-sha-512';
    settings.sasl = { mechanism, username: credentials.username, password };
  }
  if (credentials.caFile) settings.sslCaFile = credentials.caFile;
  const caProblem = settings.sslCaFile ? caFileProblem(settings.sslCaFile) : undefined;
  if (caProblem)
    throw new CliError(`${credentials.caFile ? '--ca-file' : 'KAFKA_SSL_CA_FILE'} ${settings.sslCaFile}: ${caProblem}`, EXIT.usage);
  const chosen = brokers ?? settings.brokers;
  if (!(await Promise.all(chosen.map((b) => answers(b)))).some(Boolean)) {
    throw new CliError(`no broker answers at ${chosen.join(',')} (set --brokers or KAFKA_BROKERS)`, EXIT.kafka);
  }
  return createKafka({ ...settings, brokers: chosen });
}

/** Whether a TCP connection to host:port opens within the time limit. */
function answers(broker: string, timeoutMs = 5000): Promise<boolean> {
  const at = broker.lastIndexOf(':');
  return new Promise((resolve) => {
    const socket = connect({ host: broker.slice(0, at), port: Number(broker.slice(at + 1)), timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * A consumer group of the tool's own, new on every run, so that it never takes partitions or offsets from the
 * platform's groups (or from another run of the tool). It starts with the partner's group prefix
 * (`partner.<cc>.`), the only groups the broker lets that partner's user join.
 */
export function newGroupId(partner: string): string {
  return `partner.${partner.toLowerCase()}.cli-${randomBytes(4).toString('hex')}`;
}

/**
 * Fails with a clear message when a topic is missing: brokers run without automatic topic creation, so writing to a
 * missing topic would otherwise only retry and time out. Optionally returns each partition's end offset.
 */
export async function inspectTopic(kafka: Kafka, topic: string, withEndOffsets = false): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      throw new CliError(
        `topic ${topic} does not exist (is the partner configured on the platform? \`npm run topics\` creates the topics)`,
        EXIT.kafka,
      );
    }
    if (!withEndOffsets) return new Map();
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, p.high]));
  } finally {
    await admin.disconnect();
  }
}
