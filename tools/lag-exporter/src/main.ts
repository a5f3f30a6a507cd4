import { LagExporter } from './exporter';
import { loadSettings, SettingsError } from './settings';

/** `node -r ./scripts/register-ts.js tools/lag-exporter/src/main.ts` (scripts/infra/lag-exporter.sh starts it). */
async function main(): Promise<void> {
  const settings = loadSettings();
  const exporter = new LagExporter(settings);
  const port = await exporter.start();
  process.stdout.write(
    `[lag-exporter] serving consumer lag of ${settings.kafka.brokers.join(',')} on http://${settings.host}:${port}/metrics` +
      ` (groups ${settings.groupFilter.source}, topics ${settings.topicFilter.source}${settings.mongodbUri ? ', store probe on' : ''})\n`,
  );
  const shutdown = () => void exporter.stop().finally(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error) => {
  process.stderr.write(`[lag-exporter] ${error instanceof SettingsError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
