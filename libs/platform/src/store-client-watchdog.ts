import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { MongoClient } from 'mongodb';
import { Connection } from 'mongoose';
import { Counter, register } from 'prom-client';

const NAME = 'store_client_reconnects_total';

/**
 * Replaces the store client when its server monitor stops checking the store. The MongoDB driver (6.18, and 6.20)
 * can leave a monitor check pending for ever: when the store restarts at the moment a check is written to the
 * monitor's connection, the write waits for a 'drain' that a destroyed socket never emits. The driver then keeps the
 * server "Unknown" and its pool paused, and every operation fails with the error of the old connection, long after
 * the store is back (seen in the fault run: verification decided nothing for minutes while the other services,
 * restarted by the run, went on).
 *
 * So: a heartbeat that has neither succeeded nor failed after a heartbeat interval, the connect timeout and a margin
 * means the monitor is stuck; the client is closed (failing what is in flight: consumers pause and retry, HTTP
 * callers get 503) and connected again, which starts a new monitor and pool. Counted in
 * `store_client_reconnects_total` and logged as an error.
 */
@Injectable()
export class StoreClientWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StoreClientWatchdog.name);
  private readonly reconnects =
    (register.getSingleMetric(NAME) as Counter | undefined) ??
    new Counter({ name: NAME, help: 'Store clients replaced because their server monitor stopped checking the store' });
  /** When the heartbeat now in flight started; undefined when none is. */
  private heartbeatSince?: number;
  private timer?: NodeJS.Timeout;
  private reconnecting?: Promise<void>;
  /** The last attempt to connect again failed: the next look tries again. */
  private connectFailed = false;
  /** How often the watchdog looks (its own tests shorten it, with `stuckAfterMs`). */
  static checkEveryMs = 5_000;
  /** A heartbeat in flight longer than this is stuck (default: heartbeat interval + connect timeout + 10 s). */
  static stuckAfterMs?: number;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onApplicationBootstrap(): void {
    this.watch(this.connection.getClient());
  }

  /** Follows `client`'s heartbeats and replaces it when one is stuck. */
  private watch(client: MongoClient): void {
    const stuckAfterMs =
      StoreClientWatchdog.stuckAfterMs ??
      (client.options.heartbeatFrequencyMS ?? 10_000) + (client.options.connectTimeoutMS ?? 30_000) + 10_000;
    client.on('serverHeartbeatStarted', () => (this.heartbeatSince ??= Date.now()));
    client.on('serverHeartbeatSucceeded', () => (this.heartbeatSince = undefined));
    client.on('serverHeartbeatFailed', () => (this.heartbeatSince = undefined));
    this.timer = setInterval(() => {
      const since = this.heartbeatSince;
      const stuck = since !== undefined && Date.now() - since >= stuckAfterMs;
      if ((!stuck && !this.connectFailed) || this.reconnecting) return;
      this.reconnecting = this.reconnect(client, since).finally(() => (this.reconnecting = undefined));
    }, StoreClientWatchdog.checkEveryMs);
    this.timer.unref();
  }

  private async reconnect(client: MongoClient, stuckSince: number | undefined): Promise<void> {
    if (stuckSince !== undefined) {
      const seconds = Math.round((Date.now() - stuckSince) / 1000);
      this.logger.error(`the store client's server monitor has not finished a check for ${seconds} s; connecting again`);
      this.reconnects.inc();
      this.heartbeatSince = undefined;
      await client.close(true).catch(() => undefined);
    }
    try {
      await client.connect();
      this.connectFailed = false;
      this.logger.log('the store client is connected again');
    } catch (error) {
      this.connectFailed = true; // the store is away too: the next look tries again
      this.logger.error(`the store client could not connect again: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.reconnecting;
  }
}
