import { execFileSync } from 'child_process';
import { join } from 'path';

export interface Infrastructure {
  kafkaBrokers: string;
  mongodbUri: string;
  origin: 'environment' | 'testcontainers' | 'native';
  /** Stops what this call started (nothing for `environment`, nor for native infrastructure that was already running). */
  stop(): Promise<void>;
}

const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * Picks the infrastructure for tests, in this order:
 * 1. KAFKA_BROKERS and MONGODB_URI when both are set (a user's real cluster, or CI's own);
 * 2. Kafka and MongoDB containers through testcontainers when a Docker engine answers (real MongoDB there);
 * 3. the project's native scripts: the real Kafka broker run with Java, and FerretDB. Docker is never required.
 */
export async function provideInfrastructure(log: (line: string) => void = () => undefined): Promise<Infrastructure> {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) {
    return {
      kafkaBrokers: process.env.KAFKA_BROKERS,
      mongodbUri: process.env.MONGODB_URI,
      origin: 'environment',
      stop: async () => undefined,
    };
  }
  if (process.env.TEST_INFRA !== 'native' && (await dockerAnswers())) {
    log('infrastructure: Docker engine found, starting Kafka and MongoDB containers');
    return startContainers();
  }
  log('infrastructure: no Docker engine, using the native Kafka broker and FerretDB (scripts/infra)');
  const script = (name: string, action: string) => {
    try {
      execFileSync('bash', [join(REPO_ROOT, 'scripts', 'infra', name), action], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const wasRunning = script('kafka.sh', 'status') && script('ferretdb.sh', 'status');
  if (!wasRunning) execFileSync('bash', [join(REPO_ROOT, 'scripts', 'infra', 'up.sh')], { stdio: 'inherit' });
  return {
    kafkaBrokers: `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
    mongodbUri: `mongodb://127.0.0.1:${process.env.MONGODB_PORT ?? 27017}`,
    origin: 'native',
    stop: async () => {
      if (!wasRunning) execFileSync('bash', [join(REPO_ROOT, 'scripts', 'infra', 'down.sh')], { stdio: 'inherit' });
    },
  };
}

async function dockerAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 5000))),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer); // a pending timer would keep the process (Jest's) alive for the rest of the 5 s
  }
}

async function startContainers(): Promise<Infrastructure> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  // Confluent Platform 8.0 is Apache Kafka 4.0 in KRaft mode; topics are created explicitly by the platform.
  const [kafka, mongo] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:8.0.0').withKraft().withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' }).start(),
    new MongoDBContainer('mongo:7.0').start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    mongodbUri: `${mongo.getConnectionString()}?directConnection=true`,
    origin: 'testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}
