import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import { Connection } from 'mongoose';
import { Histogram, register } from 'prom-client';

const NAME = 'store_command_duration_seconds';

/**
 * Every store round trip, timed by the driver (command monitoring; the connection is opened with
 * `monitorCommands: true`): `store_command_duration_seconds{collection, command, outcome}`. Its count per handled
 * message is how many round trips a message costs, its sum where the handler's time goes; the benchmark prints both
 * per service. The time is the client's: from sending the command to its reply decoded, so a busy event loop adds to
 * it. Labels are collection and command names only, never a filter or a document. A write the server refused (a
 * duplicate key: how the platform's exactly-once inserts find a repeat) is `write-error`, though its command succeeded.
 */
@Injectable()
export class StoreCommandMetrics implements OnModuleInit {
  private readonly histogram =
    (register.getSingleMetric(NAME) as Histogram<'collection' | 'command' | 'outcome'> | undefined) ??
    new Histogram({
      name: NAME,
      help: 'Store round trips (MongoDB commands) by collection, command and outcome, as the driver timed them',
      labelNames: ['collection', 'command', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
  /** The collection of each command in flight, by request id (the end events do not name it). */
  private readonly collections = new Map<number, string>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onModuleInit(): void {
    const client = this.connection.getClient();
    client.on('commandStarted', (event: CommandStartedEvent) => this.collections.set(event.requestId, collectionOf(event)));
    client.on('commandSucceeded', (event: CommandSucceededEvent) => this.observe(event, refusedWrite(event) ? 'write-error' : 'ok'));
    client.on('commandFailed', (event: CommandFailedEvent) => this.observe(event, 'error'));
  }

  private observe(event: CommandSucceededEvent | CommandFailedEvent, outcome: 'ok' | 'write-error' | 'error'): void {
    const collection = this.collections.get(event.requestId) ?? '-';
    this.collections.delete(event.requestId);
    this.histogram.observe({ collection, command: event.commandName, outcome }, event.duration / 1000);
  }
}

/** A write command whose reply reports refused writes (e.g. E11000) or a write concern error. */
function refusedWrite(event: CommandSucceededEvent): boolean {
  const reply = event.reply as { writeErrors?: unknown[]; writeConcernError?: unknown } | undefined;
  return Boolean(reply?.writeErrors?.length || reply?.writeConcernError);
}

/** The collection a command works on: its first field's value for CRUD commands, `collection` for getMore. */
function collectionOf(event: CommandStartedEvent): string {
  const named = event.command[event.commandName];
  if (typeof named === 'string') return named;
  if (typeof event.command.collection === 'string') return event.command.collection;
  return '-';
}
