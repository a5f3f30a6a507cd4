export * from './parsers';
export * from './decorators';
export * from './load-settings';
export * from './platform-settings';
export * from './platform-options';
export * from './settings-for-test';
