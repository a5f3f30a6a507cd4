import { DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
import { ModelDefinition, MongooseModule } from '@nestjs/mongoose';
import { InboxModule } from '@readmission/persistence';
import type { ServiceDefinition } from './bootstrap';
import { Clock } from './clock';
import { PlatformModule, PlatformOptions } from './platform.module';
import { PlatformSettings } from './settings/platform-settings';
import { ServicePlatformOptions, platformOptions } from './settings/platform-options';

/** What makes one service different from the others; the rest of its ServiceDefinition is the same for all. */
export interface ServiceDescription<S extends PlatformSettings> {
  title: string;
  description: string;
  /** Topics beyond the handlers' own (from the settings: intake's partners). */
  server?: (settings: S) => ServiceDefinition['server'];
}

/** A service's root module: `forRoot` gets the platform options with the service's settings (and a test clock). */
export interface ServiceRootModule<S extends PlatformSettings> {
  forRoot(platform: ServicePlatformOptions & { settings: S; clock?: Clock }): DynamicModule;
}

/** How main.ts and the tests start a service: from its validated settings, with a test's overrides and clock. */
export type ServiceFactory<S extends PlatformSettings> = (
  settings: S,
  overrides?: Partial<ServiceDefinition>,
  clock?: Clock,
) => ServiceDefinition;

/**
 * The factory of service `name`'s ServiceDefinition (its database, consumer group and Kafka client id follow from
 * the name and the settings), the same for every service.
 */
export function serviceFactory<S extends PlatformSettings>(
  name: string,
  module: ServiceRootModule<S>,
  service: ServiceDescription<S>,
): ServiceFactory<S> {
  return (settings, overrides = {}, clock) => {
    const platform = platformOptions(name, settings);
    const server = service.server?.(settings);
    return {
      name,
      title: service.title,
      description: service.description,
      module: module.forRoot({ ...platform, settings, clock }),
      kafka: platform.kafka,
      port: platform.port,
      groupId: platform.groupId,
      ...(server ? { server } : {}),
      ...overrides,
    };
  };
}

/** A service's own parts: its collections, the shared modules it needs beyond the platform, handlers and providers. */
export interface ServiceModuleParts extends Pick<ModuleMetadata, 'controllers' | 'providers'> {
  collections: ModelDefinition[];
  imports?: ModuleMetadata['imports'];
}

/**
 * The root module of a service: the platform (broker, store, auth, outbox relay, audit, clock, settings), the
 * service's collections and its inbox (every consumer handles a message once through it), then its own parts.
 */
export function serviceModule(module: Type<unknown>, platform: PlatformOptions, parts: ServiceModuleParts): DynamicModule {
  return {
    module,
    imports: [PlatformModule.forRoot(platform), MongooseModule.forFeature(parts.collections), InboxModule, ...(parts.imports ?? [])],
    controllers: parts.controllers,
    providers: parts.providers,
  };
}
