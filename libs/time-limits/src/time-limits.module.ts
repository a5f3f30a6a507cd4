import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeadlineEvent, DeadlineEventSchema } from './deadline-event.schema';
import { DEFAULT_TIME_LIMIT_OPTIONS, TIME_LIMIT_OPTIONS, TimeLimitMachine, TimeLimitOptions } from './time-limit-machine';

/**
 * The `deadline-events` model and the TimeLimitMachine for a service's sweeps. Needs AuditTrail and Clock
 * (the global PlatformModule provides both).
 */
@Module({})
export class TimeLimitsModule {
  static forFeature(options: Partial<TimeLimitOptions> = {}): DynamicModule {
    return {
      module: TimeLimitsModule,
      imports: [MongooseModule.forFeature([{ name: DeadlineEvent.name, schema: DeadlineEventSchema }])],
      providers: [TimeLimitMachine, { provide: TIME_LIMIT_OPTIONS, useValue: { ...DEFAULT_TIME_LIMIT_OPTIONS, ...options } }],
      exports: [TimeLimitMachine, MongooseModule],
    };
  }
}
