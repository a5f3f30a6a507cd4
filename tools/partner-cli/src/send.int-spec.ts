import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient } from '@readmission/testing';
import { parseCommandLine, SendOptions } from './args';
import { CapturedIo } from './capture-io';
import { sendCommand } from './commands';
import { EXIT } from './exit-codes';

// Against the real broker. XS is a user-assigned ISO code no real partner has, so the platform never reads these topics.
const PARTNER = 'XS';
const INBOUND = partnerInboundTopic(PARTNER);
const OUTBOUND = partnerOutboundTopic(PARTNER);
const run = randomUUID().slice(0, 8);
const dir = mkdtempSync(join(tmpdir(), 'partner-cli-'));
const EXAMPLES = join(__dirname, '..', 'examples');

function sendOptions(argv: string[]): SendOptions {
  const command = parseCommandLine(['send', '--partner', PARTNER, ...argv]);
  if (command.name !== 'send') throw new Error('expected a send command');
  return command;
}

/** A message file with a reference unique to this run, so records of earlier runs never match. */
function withdrawalFile(reference: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, `${reference}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'readmission.application.withdrawn.v1',
      payload: { partnerReference: reference, reason: 'left voluntarily', ...extra },
    }),
  );
  return file;
}

describe('partner send against the real broker', () => {
  const client = new KafkaTestClient();
  let inbound: Collector;

  beforeAll(async () => {
    await client.createTopics([INBOUND, OUTBOUND]);
    inbound = await client.collect([INBOUND]);
  });

  afterAll(() => client.close());

  it('publishes an example file to the inbound topic with the right key and CloudEvents headers', async () => {
    const id = `ce-${run}-1`;
    const io = new CapturedIo();
    const code = await sendCommand(
      sendOptions(['--file', join(EXAMPLES, 'application-national-passport.json'), '--id', id, '--source', 'urn:authority:xs:test']),
      io,
    );

    expect(code).toBe(EXIT.ok);
    const [record] = await inbound.waitFor((r) => inbound.header(r, 'ce_id') === id);
    expect(record.topic).toBe(INBOUND);
    expect(record.key?.toString()).toBe('BAMF-2026-100101');
    expect(Object.fromEntries(Object.entries(record.headers ?? {}).map(([k, v]) => [k, v?.toString()]))).toEqual({
      ce_specversion: '1.0',
      ce_id: id,
      ce_type: 'readmission.application.submitted.v1',
      ce_source: 'urn:authority:xs:test',
      ce_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
      'content-type': 'application/json',
    });
    const example = JSON.parse(readFileSync(join(EXAMPLES, 'application-national-passport.json'), 'utf8'));
    expect(inbound.json(record)).toEqual(example.payload);
    expect(io.output).toContain(`ce_id  ${id}`);
    expect(io.output).toMatch(
      new RegExp(`sent readmission.application.submitted.v1 to ${INBOUND.replace(/\./g, '\\.')} \\(partition \\d, offset \\d+\\)`),
    );
  });

  it('prints a new ce_id for each send, and repeating it with --id repeats the same message', async () => {
    const reference = `XS-${run}-2`;
    const file = withdrawalFile(reference);
    const first = new CapturedIo();
    expect(await sendCommand(sendOptions(['--file', file]), first)).toBe(EXIT.ok);
    const id = /ce_id {2}(\S+)/.exec(first.output)?.[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.output).toContain(`add --id ${id}`);

    const again = new CapturedIo();
    expect(await sendCommand(sendOptions(['--file', file, '--id', id!]), again)).toBe(EXIT.ok);
    const records = await inbound.waitFor((r) => r.key?.toString() === reference, 2);
    expect(records.map((r) => inbound.header(r, 'ce_id'))).toEqual([id, id]);
    expect(records.map((r) => inbound.header(r, 'ce_source'))).toEqual(['urn:authority:xs:partner-cli', 'urn:authority:xs:partner-cli']);
  });

  it('refuses an invalid file with the JSON paths of its errors and publishes nothing', async () => {
    const before = await endOffsets(client, INBOUND);
    const reference = `XS-${run}-3`;
    const file = withdrawalFile(reference, { reason: '', colour: 'red' });
    const io = new CapturedIo();

    expect(await sendCommand(sendOptions(['--file', file]), io)).toBe(EXIT.invalidMessage);
    expect(io.errors).toContain('is not a valid readmission.application.withdrawn.v1 (2 errors); nothing was published');
    expect(io.errors).toMatch(/\$\.colour +colour is not a field of this message/);
    expect(io.errors).toMatch(/\$\.reason +reason must be longer than or equal to 1 characters/);
    expect(io.output).toBe('');
    expect(await endOffsets(client, INBOUND)).toEqual(before);
  });

  it("publishes an invalid file with --no-validate, to test the platform's rejection", async () => {
    const reference = `XS-${run}-4`;
    const io = new CapturedIo();
    expect(await sendCommand(sendOptions(['--file', withdrawalFile(reference, { colour: 'red' }), '--no-validate']), io)).toBe(EXIT.ok);
    const [record] = await inbound.waitFor((r) => r.key?.toString() === reference);
    expect(inbound.json(record)).toMatchObject({ colour: 'red' });
    expect(io.errors).toContain('warning: not validated (--no-validate)');
  });

  it('with --follow prints the replies to the message (by causation or key) and no others', async () => {
    const reference = `XS-${run}-5`;
    const io = new CapturedIo();
    const sending = sendCommand(sendOptions(['--file', withdrawalFile(reference), '--follow', '--timeout', '6']), io);

    // Play the platform: answer the record once it arrives, plus a reply to someone else.
    const [sent] = await inbound.waitFor((r) => r.key?.toString() === reference);
    const id = inbound.header(sent, 'ce_id')!;
    const reply = (partnerReference: string, causationId: string) =>
      buildPartnerRecord({
        type: 'readmission.application.rejected.v1',
        value: { partnerReference, reasons: [{ code: 'unknown-reference', message: 'no application with this reference' }] },
        source: 'urn:readmission:platform',
        headers: { ce_causationid: causationId },
      });
    const other = reply(`XS-${run}-other`, 'someone-else');
    const answer = reply(reference, id);
    await client.send(OUTBOUND, [other, answer]);

    expect(await sending).toBe(EXIT.ok);
    expect(io.output).toContain('<- readmission.application.rejected.v1');
    expect(io.output).toContain(`  ce_causationid ${id}`);
    expect(io.output).toContain(`  ce_id          ${answer.headers.ce_id}`);
    expect(io.output).toContain('"code": "unknown-reference"');
    expect(io.output).not.toContain(other.headers.ce_id);
    expect(io.errors).toContain('1 reply');
  });

  it('with --follow exits 4 when no reply comes before the timeout', async () => {
    const io = new CapturedIo();
    expect(await sendCommand(sendOptions(['--file', withdrawalFile(`XS-${run}-6`), '--follow', '--timeout', '1']), io)).toBe(EXIT.noReply);
    expect(io.errors).toContain('no reply within 1 s');
  });

  it('fails with exit code 3 and a clear message when the partner has no topics', async () => {
    const io = new CapturedIo();
    const options = { ...sendOptions(['--file', withdrawalFile(`XS-${run}-7`)]), partner: 'XQ' };
    await expect(sendCommand(options, io)).rejects.toMatchObject({
      exitCode: EXIT.kafka,
      message: expect.stringMatching(/readmission\.partner\.xq\.inbound\.v1 does not exist/),
    });
  });
});

async function endOffsets(client: KafkaTestClient, topic: string): Promise<string[]> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    // The topic is fully replicated (acks=all), so the high watermarks are what a reader would see.
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.sort((a, b) => a.partition - b.partition).map((p) => p.high);
  } finally {
    await admin.disconnect();
  }
}
