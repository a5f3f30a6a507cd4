import { SettingsEnv, loadSettings } from './settings/load-settings';
import { ServicePlatformOptions, platformOptions } from './settings/platform-options';
import { PlatformSettings } from './settings/platform-settings';

/**
 * @deprecated main.ts loads its service's settings class and calls `platformOptions(service, settings)`.
 * Platform options of a service from the platform's variables only (the service's own are not validated here).
 */
export function platformOptionsFromEnv(service: string, defaultPort: number, env: SettingsEnv = process.env): ServicePlatformOptions {
  const settings = loadSettings(PlatformSettings, env);
  settings.PORT ??= defaultPort;
  return platformOptions(service, settings);
}
