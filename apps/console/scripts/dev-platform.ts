// A development copy of the platform for the console, on its own databases and consumer groups, plus the console
// server with the development sign-in: node -r ./scripts/register-ts.js apps/console/scripts/dev-platform.ts [basePort]
import { KafkaTestClient } from '@readmission/testing';
import { startConsoleServer } from '../server/console-server';
import { join } from 'path';
import { launchConsolePlatform } from '../e2e/platform';

async function main(): Promise<void> {
  const basePort = Number(process.argv[2] ?? 3101);
  const kafka = new KafkaTestClient();
  const { platform, devKeyFile } = await launchConsolePlatform(kafka, `dev-${Date.now()}`, basePort);
  await kafka.close();
  const server = await startConsoleServer({
    port: Number(process.env.CONSOLE_PORT ?? 4200),
    staticDir: join(__dirname, '..', '..', '..', 'dist', 'apps', 'console'),
    services: platform.urls,
    devKeyFile,
  });
  console.log(JSON.stringify({ urls: platform.urls, devKeyFile, console: server.address() }));
  const stop = async () => {
    server.close();
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
void main();
