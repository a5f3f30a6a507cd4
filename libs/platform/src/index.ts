export * from './clock';
export * from './service-config';
export * from './health.controller';
export * from './platform.module';
export * from './bootstrap';
export * from './service-env';
export * from './ids';
export * from './exception.filter';
