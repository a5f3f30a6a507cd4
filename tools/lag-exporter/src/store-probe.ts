import { MongoClient } from 'mongodb';
import { Gauge, Registry } from 'prom-client';

/** Pings the store on every scrape: `mongodb_up` 1 or 0, the name percona/mongodb_exporter uses in compose. */
export class StoreProbe {
  private readonly client: MongoClient;

  constructor(uri: string) {
    this.client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  }

  async registry(): Promise<Registry> {
    const registry = new Registry();
    const up = new Gauge({ name: 'mongodb_up', help: 'Whether the store answered a ping (1) or not (0).', registers: [registry] });
    up.set((await this.ping()) ? 1 : 0);
    return registry;
  }

  private async ping(): Promise<boolean> {
    try {
      await this.client.db('admin').command({ ping: 1 });
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
