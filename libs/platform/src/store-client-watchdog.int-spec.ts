import { AddressInfo, Server, Socket, createServer, connect } from 'net';
import mongoose, { Connection } from 'mongoose';
import { Counter, register } from 'prom-client';
import { StoreClientWatchdog } from './store-client-watchdog';

/**
 * Against the real store, through a TCP relay that can freeze a connection it carries (nothing passes either way,
 * nothing is closed) or cut it. The state the driver was found in after a store restart: its server monitor's check
 * never finishes (here: the monitor's connection frozen, for the 60 s connect timeout set here; for ever in the
 * driver's case), and a pool connection broke, so the driver marked the server unknown and paused its pool until a
 * check succeeds. Every operation then fails. The watchdog replaces the client, and the store answers again.
 */
class FreezableRelay {
  private readonly server: Server;
  private readonly pairs: [Socket, Socket][] = [];

  constructor(target: { host: string; port: number }) {
    this.server = createServer((inbound) => {
      const outbound = connect(target.port, target.host);
      inbound.pipe(outbound);
      outbound.pipe(inbound);
      const end = () => {
        inbound.destroy();
        outbound.destroy();
      };
      inbound.on('error', end).on('close', end);
      outbound.on('error', end).on('close', end);
      this.pairs.push([inbound, outbound]);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** The first connection opened (the client's server monitor's) passes nothing more, either way. */
  freezeFirst(): void {
    const [inbound, outbound] = this.pairs[0];
    inbound.unpipe(outbound);
    outbound.unpipe(inbound);
    inbound.pause();
    outbound.pause();
  }

  /** Every other connection open now is cut. */
  cutOthers(): void {
    for (const [inbound, outbound] of this.pairs.slice(1)) {
      inbound.destroy();
      outbound.destroy();
    }
  }

  async close(): Promise<void> {
    for (const [inbound, outbound] of this.pairs) {
      inbound.destroy();
      outbound.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function reconnects(): Promise<number> {
  const metric = register.getSingleMetric('store_client_reconnects_total') as Counter | undefined;
  return (await metric?.get())?.values[0]?.value ?? 0;
}

describe('StoreClientWatchdog (real store)', () => {
  const store = new URL(process.env.MONGODB_URI as string);
  const relay = new FreezableRelay({ host: store.hostname, port: Number(store.port || 27017) });
  let connection: Connection;
  let watchdog: StoreClientWatchdog;
  const Note = new mongoose.Schema({ _id: String, text: String });

  beforeAll(async () => {
    const port = await relay.listen();
    // As the services connect (mongoose), with a short heartbeat and a long connect timeout.
    connection = await mongoose
      .createConnection(`mongodb://127.0.0.1:${port}/?directConnection=true`, {
        dbName: `test-watchdog-${process.pid}`,
        heartbeatFrequencyMS: 500,
        connectTimeoutMS: 60_000,
        serverSelectionTimeoutMS: 5_000,
      })
      .asPromise();
    StoreClientWatchdog.checkEveryMs = 200;
    StoreClientWatchdog.stuckAfterMs = 2_000;
    watchdog = new StoreClientWatchdog(connection);
  });

  afterAll(async () => {
    await watchdog.onApplicationShutdown();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close(true);
    await relay.close();
    StoreClientWatchdog.checkEveryMs = 5_000;
    StoreClientWatchdog.stuckAfterMs = undefined;
  });

  it('replaces a client whose monitor check never finishes, and the models read and write again', async () => {
    const before = await reconnects();
    const notes = connection.model('Note', Note);
    await notes.create({ _id: 'before', text: 'written before' }); // opens a pool connection, after the monitor's
    watchdog.onApplicationBootstrap();
    relay.freezeFirst();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a heartbeat is sent on the frozen connection
    relay.cutOthers();

    const ping = () =>
      Promise.race([
        notes.findById('before').then((note) => note?.text === 'written before'),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000)),
      ]).catch(() => false);
    const deadline = Date.now() + 20_000;
    let answered = false;
    while (!answered && Date.now() < deadline) answered = await ping();

    expect(answered).toBe(true);
    expect(await reconnects()).toBe(before + 1);
    await notes.create({ _id: 'after', text: 'written after' });
    expect(await notes.countDocuments()).toBe(2);
  }, 30_000);
});
