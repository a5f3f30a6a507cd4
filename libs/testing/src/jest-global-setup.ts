import { provideInfrastructure } from './infrastructure';

/** Jest globalSetup for suites that talk to Kafka and the store; the workers inherit the variables. */
export default async function globalSetup(): Promise<void> {
  const infra = await provideInfrastructure((line) => process.stdout.write(`\n${line}\n`));
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongodbUri;
  (globalThis as { __INFRA__?: typeof infra }).__INFRA__ = infra;
}
