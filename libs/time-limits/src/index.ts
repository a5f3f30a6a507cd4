export * from './deadline-event.schema';
export * from './time-limit-step';
export * from './time-limit-machine';
export * from './time-limit-sweep';
export * from './time-limits.module';
