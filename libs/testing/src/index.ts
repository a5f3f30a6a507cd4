export * from './infrastructure';
export * from './kafka-test-client';
export * from './platform-launcher';
