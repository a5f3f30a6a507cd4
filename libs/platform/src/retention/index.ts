export * from './legal-holds';
export * from './retention-sweep';
