import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';
import { AuthSettings } from './auth-settings';
import { createTokenVerifier } from './tokens';

@Global()
@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(settings) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
