import { MongoClient } from 'mongodb';
import { KafkaTestClient } from './kafka-test-client';

/**
 * What an integration test of a service holds besides the service: a broker client and a store client for the
 * test's own database (from the jest global setup's MONGODB_URI). `close(...services)` is the afterAll: stop the
 * services, close both clients and drop the database.
 */
export class ServiceTest {
  readonly kafka = new KafkaTestClient();
  readonly mongo = new MongoClient(process.env.MONGODB_URI as string);

  constructor(readonly database: string) {}

  db() {
    return this.mongo.db(this.database);
  }

  async close(...services: ({ stop(): Promise<void> } | undefined)[]): Promise<void> {
    for (const service of services) await service?.stop();
    await this.kafka.close();
    await this.db()
      .dropDatabase()
      .catch(() => undefined);
    await this.mongo.close();
  }
}
