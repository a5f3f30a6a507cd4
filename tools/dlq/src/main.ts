// `npm run dlq -- list|show|replay --group <g>`: see commands.ts. Kafka settings from the environment; the replay key
// from DLQ_REPLAY_KEY, else the file DLQ_REPLAY_KEY_FILE names, else .local/secrets/dlq-replay-key (the one `npm start`
// creates and hands to the services it starts, and scripts/compose-secrets.sh to compose's).
import { Logger, LoggerService } from '@nestjs/common';
import { kafkaSettingsFromEnv } from '@readmission/messaging';
import { run } from './commands';
import { replayKeyFrom } from './replay-key';

// The Kafka layer logs through Nest's Logger; here stdout carries only the tool's output.
const toStderr = (level: string) => (message: unknown) => process.stderr.write(`${level} ${String(message)}\n`);
const stderrLogger: LoggerService = { log: toStderr('info'), warn: toStderr('warn'), error: toStderr('error') };
Logger.overrideLogger(stderrLogger);

const kafka = kafkaSettingsFromEnv('readmission-dlq-tool');
if (process.env.PLATFORM_NAMESPACE) Object.assign(kafka, { namespace: process.env.PLATFORM_NAMESPACE });

run(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) },
  { kafka, replayKey: replayKeyFrom(process.env) },
).then((code) => (process.exitCode = code));
