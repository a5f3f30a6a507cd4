// The infrastructure a reliability run uses: its topics and groups, and the restarts of the broker and the store through the project's
// own scripts (scripts/infra/kafka.sh and ferretdb.sh), with the ports and LOCAL_DIR of the infrastructure in use.
import { execFile, execFileSync } from 'child_process';
import { join } from 'path';
import { Kafka } from 'kafkajs';
import {
  INTERNAL_EVENTS,
  deadLetterTopic,
  internalGroup,
  namespacedGroup,
  partnerOutboundTopic,
  platformTopics,
} from '@readmission/contracts';
import { ensureTopics } from '@readmission/messaging';
import { KafkaTestClient, SERVICES } from '@readmission/testing';

const ROOT = join(__dirname, '..', '..');
const script = (name: string) => join(ROOT, 'scripts', 'infra', name);

export interface RunInfrastructure {
  kafkaBrokers: string;
  mongodbUri: string;
  /** The environment scripts/infra/*.sh need to act on this broker and store (ports, LOCAL_DIR, handler). */
  env: NodeJS.ProcessEnv;
}

/** KAFKA_BROKERS and MONGODB_URI when both are set; otherwise the native infrastructure, started if needed (idempotent). */
export function runInfrastructure(): RunInfrastructure {
  const { KAFKA_BROKERS, MONGODB_URI, KAFKA_PORT, MONGODB_PORT } = process.env;
  const kafkaBrokers = KAFKA_BROKERS ?? `127.0.0.1:${KAFKA_PORT ?? 9092}`;
  const mongodbUri = MONGODB_URI ?? `mongodb://127.0.0.1:${MONGODB_PORT ?? 27017}`;
  const env = {
    ...process.env,
    // The scripts read the ports; when only the addresses are given, the ports come from them.
    KAFKA_PORT: KAFKA_PORT ?? /:(\d+)$/.exec(kafkaBrokers.split(',')[0])?.[1] ?? '9092',
    MONGODB_PORT: MONGODB_PORT ?? /:(\d+)(?:[/?]|$)/.exec(mongodbUri.replace(/^mongodb:\/\/[^@/]*@/, 'mongodb://'))?.[1] ?? '27017',
  };
  if (!(KAFKA_BROKERS && MONGODB_URI)) execFileSync('bash', [script('up.sh')], { stdio: ['ignore', 'ignore', 'inherit'], env });
  return { kafkaBrokers, mongodbUri, env };
}

function run(name: string, action: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('bash', [script(name), action], { env, maxBuffer: 1 << 24 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${name} ${action} failed: ${stderr.trim().split('\n').slice(-5).join(' | ')}`)) : resolve(),
    ),
  );
}

/**
 * Restarts need the broker and the store to be the ones scripts/infra runs (with these ports and LOCAL_DIR):
 * checked before the run, so that a run against other infrastructure fails at once and says why.
 */
export async function checkRestartable(infra: RunInfrastructure): Promise<void> {
  for (const [name, what] of [
    ['kafka.sh', `broker on port ${infra.env.KAFKA_PORT}`],
    ['ferretdb.sh', `store on port ${infra.env.MONGODB_PORT}`],
  ] as const) {
    await run(name, 'status', infra.env).catch(() => {
      throw new Error(
        `the ${what} is not run by scripts/infra/${name} (LOCAL_DIR ${infra.env.LOCAL_DIR ?? '.local'}): broker and store restarts need it ` +
          '(set KAFKA_PORT, MONGODB_PORT and LOCAL_DIR as when it was started)',
      );
    });
  }
}

/** Stops and starts the broker (`kafka.sh stop`, `kafka.sh start`: its data stays); returns how long it was away. */
export async function restartBroker(infra: RunInfrastructure): Promise<number> {
  const from = Date.now();
  await run('kafka.sh', 'stop', infra.env);
  await run('kafka.sh', 'start', infra.env);
  return Date.now() - from;
}

/** Stops and starts the store (FerretDB; its PostgreSQL or SQLite data stays); returns how long it was away. */
export async function restartStore(infra: RunInfrastructure): Promise<number> {
  const from = Date.now();
  await run('ferretdb.sh', 'stop', infra.env);
  await run('ferretdb.sh', 'start', infra.env);
  return Date.now() - from;
}

/**
 * A run's topics and groups, as the fault and fuzz runs need them: the partner's pair, the internal events and the
 * services' dead-letter topics in the run's namespace are created, and the services' groups and the run's reader of
 * the outbound topic start at the topics' ends, so that records of earlier runs are not replayed.
 */
export async function prepareRunTopics(
  kafka: Kafka,
  brokers: string,
  run: { partner: string; groupPrefix: string; namespace: string; outboundGroup: string },
): Promise<{ groups: string[]; topics: { topic: string }[]; deadLetterTopics: string[] }> {
  const serviceGroups = SERVICES.map((s) => namespacedGroup(`${run.groupPrefix}${s}`, run.namespace));
  // Intake consumes its internal topics in a group of their own (a partner's backlog never holds them back).
  const groups = [...serviceGroups, internalGroup(serviceGroups[SERVICES.indexOf('intake')])];
  const topics = platformTopics(
    [run.partner],
    Object.keys(INTERNAL_EVENTS),
    SERVICES.map((s) => `${run.groupPrefix}${s}`),
    run.namespace,
  );
  await ensureTopics(kafka, topics);
  const outbound = partnerOutboundTopic(run.partner);
  const client = new KafkaTestClient(brokers);
  try {
    const serviceTopics = topics.map((t) => t.topic).filter((t) => t !== outbound && !t.startsWith('readmission.dlq.'));
    await Promise.all([
      ...groups.map((g) => client.startGroupAtEnd(g, serviceTopics)),
      client.startGroupAtEnd(run.outboundGroup, [outbound]),
    ]);
  } finally {
    await client.close();
  }
  // Dead letters of both intake groups go to intake's topic: one dead-letter topic per service, none per `.internal`.
  return { groups, topics, deadLetterTopics: serviceGroups.map(deadLetterTopic) };
}
