import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/** The key `npm start` creates for the services it starts (scripts/quickstart.sh), as compose-secrets.sh does for compose. */
export const LOCAL_REPLAY_KEY_FILE = join(__dirname, '..', '..', '..', '.local', 'secrets', 'dlq-replay-key');

/** DLQ_REPLAY_KEY, else the file DLQ_REPLAY_KEY_FILE names (compose: a secret), else the local key file if there is one. */
export function replayKeyFrom(env: NodeJS.ProcessEnv, localFile = LOCAL_REPLAY_KEY_FILE): string | undefined {
  if (env.DLQ_REPLAY_KEY) return env.DLQ_REPLAY_KEY;
  const file = env.DLQ_REPLAY_KEY_FILE ?? (existsSync(localFile) ? localFile : undefined);
  return file ? readFileSync(file, 'utf8').trim() : undefined;
}
