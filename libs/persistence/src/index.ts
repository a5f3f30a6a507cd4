export * from './outbox';
export * from './outbox-relay';
export * from './errors';
export * from './counters';
export * from './repository';
