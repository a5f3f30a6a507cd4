import mongoose, { ConnectOptions, Connection } from 'mongoose';

/**
 * A database of a test's own on the real store (MONGODB_URI, set by the global setup), named
 * `<project>-test-<now>-<purpose>` so that runs and suites never share one; `dropTestDatabase` removes it.
 */
export function connectTestDatabase(project: string, purpose: string, options: ConnectOptions = {}): Promise<Connection> {
  return mongoose
    .createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', {
      dbName: `${project}-test-${Date.now()}-${purpose}`,
      ...options,
    })
    .asPromise();
}

/** Drops a test's database and closes its connection (nothing to do when the suite failed before connecting). */
export async function dropTestDatabase(connection: Connection | undefined): Promise<void> {
  await connection?.dropDatabase();
  await connection?.close();
}
