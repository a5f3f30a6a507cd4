export * from './types';
export * from './normalise';
export * from './similarity';
export * from './dates';
export * from './places';
export * from './documents';
export * from './match';
