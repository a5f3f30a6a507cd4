export * from './roles';
export * from './auth-settings';
export * from './tokens';
export * from './auth.guard';
export * from './caller.decorator';
export * from './auth.module';
