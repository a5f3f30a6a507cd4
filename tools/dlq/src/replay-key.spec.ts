import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { replayKeyFrom } from './replay-key';

describe('the replay key the dlq tool uses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlq-key-'));
  const secret = join(dir, 'secret');
  const local = join(dir, 'local');
  writeFileSync(secret, 'k'.repeat(40) + '\n');
  writeFileSync(local, 'l'.repeat(40));

  it('takes DLQ_REPLAY_KEY first, then the file DLQ_REPLAY_KEY_FILE names (trimmed), then the local key of npm start', () => {
    expect(replayKeyFrom({ DLQ_REPLAY_KEY: 'e'.repeat(32), DLQ_REPLAY_KEY_FILE: secret }, local)).toBe('e'.repeat(32));
    expect(replayKeyFrom({ DLQ_REPLAY_KEY_FILE: secret }, local)).toBe('k'.repeat(40));
    expect(replayKeyFrom({}, local)).toBe('l'.repeat(40));
  });

  it('has none when nothing is set and there is no local key (replay then refuses to run)', () => {
    expect(replayKeyFrom({}, join(dir, 'missing'))).toBeUndefined();
  });
});
