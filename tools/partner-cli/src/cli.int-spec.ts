import { ChildProcess, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { join } from 'path';
import { partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { KafkaTestClient, waitUntil } from '@readmission/testing';

// The real entry point (what `npm run partner` runs) as a process, against the real broker: exit codes, stdout
// and stderr kept apart, and Ctrl-C. XC is a user-assigned ISO code that no platform service uses.
const ROOT = join(__dirname, '..', '..', '..');
const PARTNER = 'XC';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function partnerTool(args: string[]): { child: ChildProcess; output: () => Finished; finished: Promise<Finished> } {
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'tools/partner-cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: process.env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = () => ({ code: child.exitCode, stdout, stderr });
  const finished = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, output, finished };
}

describe('npm run partner (the process)', () => {
  const client = new KafkaTestClient();

  beforeAll(() => client.createTopics([partnerInboundTopic(PARTNER), partnerOutboundTopic(PARTNER)]));
  afterAll(() => client.close());

  it('sends an example and prints the ce_id on stdout (exit 0)', async () => {
    const id = `cli-${randomUUID()}`;
    const result = await partnerTool([
      'send',
      '--partner',
      PARTNER,
      '--file',
      'tools/partner-cli/examples/transfer-notice.json',
      '--id',
      id,
    ]).finished;
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`ce_id  ${id}`) });
    expect(result.stdout).toContain('sent readmission.transfer.notified.v1 to readmission.partner.xc.inbound.v1');
    expect(result.stdout).toContain('key    BAMF-TR-2026-0107');
  });

  it('refuses an invalid message (exit 1) and a file in another format (exit 2), on stderr', async () => {
    const result = await partnerTool(['send', '--partner', PARTNER, '--file', 'libs/contracts/fixtures/valid/transfer-cancelled.json'])
      .finished;
    // The fixtures use {type, value}, not the tool's {type, payload} envelope: a usage error.
    expect(result.code).toBe(2);
    const invalid = await partnerTool([
      'send',
      '--partner',
      PARTNER,
      '--file',
      'tools/partner-cli/examples/withdrawal.json',
      '--key',
      'SOMETHING-ELSE',
    ]).finished;
    expect(invalid).toMatchObject({ code: 1, stdout: '' });
    expect(invalid.stderr).toMatch(/\$\.partnerReference +partnerReference must equal the record key/);
  });

  it('prints help and the types (exit 0)', async () => {
    const help = await partnerTool(['--help']).finished;
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit codes:') });
    const types = await partnerTool(['types']).finished;
    expect(types).toMatchObject({ code: 0, stdout: expect.stringContaining('readmission.transfer.cancelled.v1') });
  });

  it('follow stops on Ctrl-C, leaving its group, with exit code 0', async () => {
    const tool = partnerTool(['follow', '--partner', PARTNER]);
    await waitUntil(
      () => tool.output().stderr.includes('following ') || undefined,
      30_000,
      () => tool.output().stderr,
    );
    const group = /as group (\S+),/.exec(tool.output().stderr)![1];
    tool.child.kill('SIGINT');
    const result = await tool.finished;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('0 replies');

    // Left, not merely gone: the group has no members right away (no session timeout to wait for).
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([group]);
      expect(groups[0].members).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});
