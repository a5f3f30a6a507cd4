import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { INTERNAL_EVENTS, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { KafkaTestClient, LaunchedPlatform, SERVICES, launchPlatform } from '@readmission/testing';

export const PARTNERS = ['DE', 'CH', 'NO', 'ME'];

/** A copy of the platform of its own (databases, consumer groups at the end of the shared topics) for the console. */
export async function launchConsolePlatform(
  kafka: KafkaTestClient,
  run: string,
  basePort: number,
  extraEnv: Record<string, string> = {},
): Promise<{ platform: LaunchedPlatform; devKeyFile: string }> {
  const isolation = { dbPrefix: `console-${run}`, groupPrefix: `console-${run}-` };
  const devKeyFile = join(mkdtempSync(join(tmpdir(), 'console-')), 'dev-key.json');
  const consumed = [...PARTNERS.map((p) => partnerInboundTopic(p)), ...Object.keys(INTERNAL_EVENTS)];
  await kafka.createTopics([...consumed, ...PARTNERS.map((p) => partnerOutboundTopic(p))]);
  await Promise.all(SERVICES.map((service) => kafka.startGroupAtEnd(`${isolation.groupPrefix}${service}`, consumed)));
  const platform = await launchPlatform({
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongodbUri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
    basePort,
    devKeyFile,
    isolation,
    partners: PARTNERS,
    logDir: join(__dirname, '..', '..', '..', '.local', 'logs', `console-${run}`),
    extraEnv: { DEADLINE_SWEEP_MS: '5000', OUTBOX_RELAY_INTERVAL_MS: '500', ...extraEnv },
  });
  return { platform, devKeyFile };
}
