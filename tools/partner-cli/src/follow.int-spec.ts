import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildPartnerRecord, partnerOutboundTopic } from '@readmission/contracts';
import { KafkaTestClient, waitUntil } from '@readmission/testing';
import { CapturedIo } from './capture-io';
import { run } from './commands';
import { EXIT } from './exit-codes';

// Against the real broker; XF is a user-assigned ISO code, so no platform service reads or writes these topics.
const PARTNER = 'XF';
const OUTBOUND = partnerOutboundTopic(PARTNER);
const runId = randomUUID().slice(0, 8);
const FIXTURES = join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures');
const fixture = (path: string) =>
  JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as { type: string; value: Record<string, unknown> };

/** A reply as the platform would publish it, with subject and causation headers. */
function platformReply(path: string, id: string, subject?: string) {
  const { type, value } = fixture(path);
  return buildPartnerRecord({
    type,
    value,
    id,
    source: 'urn:readmission:platform',
    headers: { ce_causationid: `inbound-${id}`, ...(subject ? { ce_subject: subject } : {}) },
  });
}

/** Starts `follow` like the command line does and returns once it is reading. */
async function startFollow(argv: string[]): Promise<{ io: CapturedIo; done: Promise<number> }> {
  const io = new CapturedIo();
  const done = run(['follow', '--partner', PARTNER, ...argv], io);
  await waitUntil(
    () => io.errors.includes('following ') || undefined,
    30_000,
    () => io.errors,
  );
  return { io, done };
}

describe('partner follow against the real broker', () => {
  const client = new KafkaTestClient();
  const earlier = `${runId}-earlier`;
  const ack = `${runId}-ack`;
  const bad = `${runId}-bad`;

  beforeAll(async () => {
    await client.createTopics([partnerOutboundTopic(PARTNER)]);
    await client.send(OUTBOUND, [platformReply('outbound/application-acknowledged.json', earlier, 'RA-2026-000123')]);
  });

  afterAll(() => client.close());

  it('prints each reply as it arrives and flags the ones that do not match the contract (exit 5)', async () => {
    const { io, done } = await startFollow(['--timeout', '4']);
    await client.send(OUTBOUND, [
      platformReply('outbound/application-acknowledged.json', ack, 'RA-2026-000123'),
      platformReply('outbound-invalid/acknowledged-bad-case-number.json', bad),
    ]);

    expect(await done).toBe(EXIT.badReply);
    const [good, flagged] = io.stdout;
    expect(good.split('\n').slice(0, 6)).toEqual([
      expect.stringMatching(
        /^<- readmission\.application\.acknowledged\.v1 {3}\[readmission\.partner\.xf\.outbound\.v1 partition \d offset \d+\]$/,
      ),
      `  ce_id          ${ack}`,
      '  ce_subject     RA-2026-000123',
      `  ce_causationid inbound-${ack}`,
      expect.stringMatching(/^ {2}ce_time/),
      '  key            BAMF-2026-004711',
    ]);
    expect(good).toContain('"replyDueBy": "2026-12-09T23:59:59+04:00"');
    expect(good).not.toContain('!!');
    expect(flagged).toContain(`ce_id          ${bad}`);
    expect(flagged).toMatch(/!! does not match the contract \(1\):\n {2}!! {3}\$\.caseNumber: /);
    expect(io.stdout).toHaveLength(2);
    expect(io.output).not.toContain(earlier);
    expect(io.errors).toContain('2 replies, 1 not matching the contract');
  });

  it('with --from-beginning also prints what was published before it started', async () => {
    const { io, done } = await startFollow(['--from-beginning', '--timeout', '3']);
    await done;
    for (const id of [earlier, ack, bad]) expect(io.output).toContain(`ce_id          ${id}`);
  });

  it('ends cleanly and at once on Ctrl-C when it has no timeout (exit 0)', async () => {
    const { io, done } = await startFollow([]);
    expect(io.errors).toMatch(
      /following readmission\.partner\.xf\.outbound\.v1 from now on as group partner\.xf\.cli-[0-9a-f]{8}, until Ctrl-C/,
    );
    const stopping = Date.now();
    io.interrupt();
    expect(await done).toBe(EXIT.ok);
    expect(Date.now() - stopping).toBeLessThan(3000);
    expect(io.errors).toContain('0 replies');
  });

  it('exits 3 with a clear message when the partner has no topics', async () => {
    const io = new CapturedIo();
    expect(await run(['follow', '--partner', 'XQ', '--timeout', '1'], io)).toBe(EXIT.kafka);
    expect(io.errors).toMatch(/topic readmission\.partner\.xq\.outbound\.v1 does not exist/);
  });

  it('exits 3 at once when no broker answers', async () => {
    const io = new CapturedIo();
    const started = Date.now();
    expect(await run(['follow', '--partner', PARTNER, '--brokers', '127.0.0.1:1', '--timeout', '1'], io)).toBe(EXIT.kafka);
    expect(io.errors).toBe('no broker answers at 127.0.0.1:1 (set --brokers or KAFKA_BROKERS)');
    expect(Date.now() - started).toBeLessThan(6000);
  });
});
