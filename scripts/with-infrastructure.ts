// Runs a command with Kafka and the store provided (see libs/testing/src/infrastructure.ts for the order of
// choice), passing KAFKA_BROKERS and MONGODB_URI to it, then stops what was started for it.
import { spawnSync } from 'child_process';
import { provideInfrastructure } from '@readmission/testing';

async function main(): Promise<number> {
  const command = process.argv.slice(2);
  if (command.length === 0) throw new Error('usage: with-infrastructure <command> [args...]');
  const infra = await provideInfrastructure((line) => console.log(line));
  console.log(`KAFKA_BROKERS=${infra.kafkaBrokers} MONGODB_URI=${infra.mongodbUri} (${infra.origin})`);
  const result = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, MONGODB_URI: infra.mongodbUri },
  });
  await infra.stop();
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
