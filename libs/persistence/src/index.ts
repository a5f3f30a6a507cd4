export * from './outbox';
export * from './outbox-relay';
export * from './errors';
export * from './counters';
export * from './repository';
export * from './inbox';
export * from './inbox.schema';
export * from './fingerprint';
