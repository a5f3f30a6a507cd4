import { Kafka, logLevel } from 'kafkajs';
import { provideInfrastructure } from './infrastructure';

/** Jest globalSetup for suites that talk to Kafka and the store; the workers inherit the variables. */
export default async function globalSetup(): Promise<void> {
  const infra = await provideInfrastructure((line) => process.stdout.write(`\n${line}\n`));
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongodbUri;
  (globalThis as { __INFRA__?: typeof infra }).__INFRA__ = infra;
  await untilProducersCanStart(infra.kafkaBrokers);
}

/**
 * On a fresh broker the coordinator that hands out producer ids loads its topic first ("the coordinator is
 * loading"), and so does the group coordinator; producers and consumers started meanwhile wait, and so would the
 * first test's services.
 * Starting one here, patiently, lets every suite begin with a broker that is ready.
 */
async function untilProducersCanStart(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'test-warm-up',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 3000 },
  });
  const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
  await producer.connect();
  await producer.disconnect();
  // Likewise the group coordinator: a describe answers once the group metadata is loaded.
  const admin = kafka.admin();
  await admin.connect();
  await admin.describeGroups(['test-warm-up']);
  await admin.disconnect();
}
