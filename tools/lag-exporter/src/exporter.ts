import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { lagRegistry, unreachableRegistry } from './lag-metrics';
import { readOffsets } from './offsets';
import { ExporterSettings } from './settings';
import { StoreProbe } from './store-probe';

/**
 * GET /metrics reads the offsets at scrape time (as kafka_exporter does), so a series is never older than the
 * scrape. Concurrent scrapes share one read. One admin connection is kept and rebuilt after a failure.
 */
export class LagExporter {
  private readonly kafka: Kafka;
  private admin?: Admin;
  private inFlight?: Promise<string>;
  private server?: Server;
  private readonly store?: StoreProbe;

  constructor(private readonly settings: ExporterSettings) {
    this.kafka = new Kafka({
      ...settings.kafka,
      clientId: 'lag-exporter',
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    });
    if (settings.mongodbUri) this.store = new StoreProbe(settings.mongodbUri);
  }

  /** Listens on settings.host:settings.port (0 = any free port); resolves with the port. */
  async start(): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.settings.port, this.settings.host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.admin?.disconnect().catch(() => undefined);
    await this.store?.close().catch(() => undefined);
  }

  /** The Prometheus text of one scrape. */
  scrape(): Promise<string> {
    this.inFlight ??= this.collect().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async collect(): Promise<string> {
    const [lag, store] = await Promise.all([this.lagRegistry(), this.store?.registry()]);
    return Registry.merge(store ? [lag, store] : [lag]).metrics();
  }

  private async lagRegistry(): Promise<Registry> {
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.admin = admin;
      }
      return lagRegistry(await readOffsets(this.admin, this.settings));
    } catch (error) {
      process.stderr.write(`[lag-exporter] cannot read offsets: ${(error as Error).message}\n`);
      const broken = this.admin;
      this.admin = undefined;
      await broken?.disconnect().catch(() => undefined);
      return unreachableRegistry();
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET') {
      res.writeHead(405).end();
    } else if (req.url === '/metrics') {
      try {
        const body = await this.scrape();
        res.writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE }).end(body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`);
      }
    } else if (req.url === '/' || req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('lag exporter: consumer lag on /metrics\n');
    } else {
      res.writeHead(404).end();
    }
  }
}
