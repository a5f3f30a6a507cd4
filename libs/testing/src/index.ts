export * from './infrastructure';
export * from './kafka-test-client';
export * from './platform-launcher';
export * from './service-test';
export * from './test-prometheus';
export * from './promql';
export * from './tls';
export * from './retention';
