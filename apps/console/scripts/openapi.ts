// Writes each service's OpenAPI document to apps/console/openapi/<service>.json from the BUILT services (dist/),
// then the console's types are generated from them (openapi-typescript). `--check` fails if a committed document
// differs from what the built services serve, so the console's client never drifts from the services.
// Needs Kafka and the store (KAFKA_BROKERS, MONGODB_URI); runs the platform on its own databases and groups.
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { execFileSync } from 'child_process';
import { SERVICES, freePortBlock, launchPlatform } from '@readmission/testing';

const ROOT = join(__dirname, '..');
const check = process.argv.includes('--check');

async function main(): Promise<void> {
  const run = `openapi-${process.pid}-${Date.now()}`;
  const platform = await launchPlatform({
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongodbUri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
    basePort: await freePortBlock(SERVICES.length, [26000, 26400]),
    devKeyFile: join(mkdtempSync(join(tmpdir(), 'console-openapi-')), 'dev-key.json'),
    isolation: { dbPrefix: run, groupPrefix: `${run}-` },
    logDir: join(tmpdir(), run),
  });
  const stale: string[] = [];
  try {
    for (const service of SERVICES) {
      const document = await (await fetch(`${platform.urls[service]}/docs/openapi.json`)).json();
      const text = `${JSON.stringify(document, null, 2)}\n`;
      const file = join(ROOT, 'openapi', `${service}.json`);
      if (check) {
        const current = (() => {
          try {
            return readFileSync(file, 'utf8');
          } catch {
            return '';
          }
        })();
        if (current !== text) stale.push(file);
      } else {
        writeFileSync(file, text);
      }
    }
  } finally {
    await platform.stop();
  }
  if (check && stale.length) {
    console.error(`OpenAPI documents out of date (run npm run console:openapi): ${stale.join(', ')}`);
    process.exit(1);
  }
  if (!check) {
    for (const service of SERVICES) {
      execFileSync(
        'npx',
        ['openapi-typescript', join(ROOT, 'openapi', `${service}.json`), '-o', join(ROOT, 'src', 'api', 'generated', `${service}.ts`)],
        { stdio: 'inherit' },
      );
    }
    // In the repository's code style, so that the lint target's Prettier check passes on what was generated.
    execFileSync('npx', ['prettier', '--write', '--log-level', 'warn', join(ROOT, 'src', 'api', 'generated')], { stdio: 'inherit' });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
