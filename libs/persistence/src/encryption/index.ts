export * from './key-provider';
export * from './keyring';
export * from './field-protection';
export * from './reencrypt';
export * from './blind-rotation';
