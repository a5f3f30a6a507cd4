export * from './infrastructure';
export * from './kafka-test-client';
