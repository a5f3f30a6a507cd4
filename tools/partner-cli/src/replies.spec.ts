import { readFileSync } from 'fs';
import { join } from 'path';
import { buildPartnerRecord } from '@readmission/contracts';
import { formatReply, formatTypes, formatValidationErrors } from './print';
import { OutboundRecord, isReplyTo, readReply } from './replies';

const FIXTURES = join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures');
const fixture = (path: string) =>
  JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as { type: string; value: Record<string, unknown> };

/** An outbound record as the platform writes it: CloudEvents headers plus subject and causation. */
function outboundRecord(type: string, value: unknown, extra: Record<string, string> = {}): OutboundRecord {
  const record = buildPartnerRecord({ type, value, source: 'urn:readmission:platform', headers: extra });
  return {
    topic: 'readmission.partner.de.outbound.v1',
    partition: 2,
    offset: '17',
    key: Buffer.from(record.key),
    value: Buffer.from(record.value),
    headers: Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

describe('readReply', () => {
  it('reads the headers and payload of a reply that matches the contract', () => {
    const ack = fixture('outbound/application-acknowledged.json');
    const reply = readReply(
      outboundRecord(ack.type, ack.value, { ce_id: 'reply-1', ce_subject: 'RA-2026-000123', ce_causationid: 'sent-1' }),
    );
    expect(reply).toMatchObject({
      type: 'readmission.application.acknowledged.v1',
      id: 'reply-1',
      subject: 'RA-2026-000123',
      causationId: 'sent-1',
      key: 'BAMF-2026-004711',
      partition: 2,
      offset: '17',
      payload: ack.value,
      problems: [],
    });
  });

  it('flags replies that do not match the contract, with JSON paths', () => {
    const bad = fixture('outbound-invalid/acknowledged-bad-case-number.json');
    const reply = readReply(outboundRecord(bad.type, bad.value));
    expect(reply.problems).toEqual([expect.objectContaining({ field: '$.caseNumber' })]);
    expect(formatReply(reply)).toMatch(/!! does not match the contract \(1\):\n\s+!!\s+\$\.caseNumber: /);
  });

  it('flags an inbound type on the outbound topic, a missing header and a value that is not JSON', () => {
    expect(readReply(outboundRecord('readmission.application.submitted.v1', { partnerReference: 'X' })).problems).toEqual([
      expect.objectContaining({ field: 'headers.ce_type' }),
    ]);
    expect(
      readReply(outboundRecord('readmission.application.withdrawn.v1', { partnerReference: 'X' }, { ce_time: null as unknown as string }))
        .problems[0].field,
    ).toBe('headers.ce_time');
    const notJson = { ...outboundRecord('readmission.application.rejected.v1', {}), key: Buffer.from('K'), value: Buffer.from('oops') };
    const reply = readReply(notJson);
    expect(reply.payload).toBe('oops');
    expect(reply.problems).toEqual([expect.objectContaining({ field: '$', message: expect.stringMatching(/JSON/) })]);
  });
});

describe('isReplyTo', () => {
  const ack = fixture('outbound/application-acknowledged.json');
  it('matches by causation id or by key', () => {
    const reply = readReply(outboundRecord(ack.type, ack.value, { ce_causationid: 'sent-1' }));
    expect(isReplyTo(reply, { key: 'other', id: 'sent-1' })).toBe(true);
    expect(isReplyTo(reply, { key: 'BAMF-2026-004711', id: 'other' })).toBe(true);
    expect(isReplyTo(reply, { key: 'other', id: 'other' })).toBe(false);
  });
});

describe('printing', () => {
  it('prints a reply with type, ce_id, ce_subject, ce_causationid, key and the pretty payload', () => {
    const ack = fixture('outbound/application-acknowledged.json');
    const text = formatReply(readReply(outboundRecord(ack.type, ack.value, { ce_id: 'reply-1', ce_subject: 'RA-2026-000123' })));
    expect(text.split('\n').slice(0, 7)).toEqual([
      '<- readmission.application.acknowledged.v1   [readmission.partner.de.outbound.v1 partition 2 offset 17]',
      '  ce_id          reply-1',
      '  ce_subject     RA-2026-000123',
      '  ce_causationid -',
      expect.stringMatching(/^ {2}ce_time {8}\d{4}-/),
      '  key            BAMF-2026-004711',
      '  {',
    ]);
    expect(text).toContain('    "caseNumber": "RA-2026-000123",');
    expect(text).not.toContain('!!');
  });

  it('shows the interface 1.1 replies (withdrawal confirmed, transfer time limit extended) as matching the contract', () => {
    for (const name of ['application-withdrawal-confirmed', 'transfer-time-limit-extended']) {
      const f = fixture(`outbound/${name}.json`);
      const reply = readReply(outboundRecord(f.type, f.value, { ce_id: `reply-${name}`, ce_subject: 'RA-2026-000123' }));
      expect(reply).toMatchObject({ type: f.type, key: 'BAMF-2026-004711', payload: f.value, problems: [] });
      expect(formatReply(reply)).not.toContain('!!');
    }
    const extended = formatReply(
      readReply(outboundRecord('readmission.transfer.time-limit-extended.v1', fixture('outbound/transfer-time-limit-extended.json').value)),
    );
    expect(extended).toContain('"transferDueBy": "2026-12-21T23:59:59+04:00"');
    expect(formatTypes()).toMatch(/readmission\.transfer\.time-limit-extended\.v1 +key partnerReference +Interface 1\.1 \(additive\)/);
  });

  it('lists every message type with its key field', () => {
    const text = formatTypes();
    expect(text).toMatch(/readmission\.transfer\.notified\.v1 +key transferReference/);
    expect(text).toMatch(/readmission\.application\.decided\.v1 +key partnerReference/);
  });

  it('lines up validation errors by path', () => {
    expect(
      formatValidationErrors('a.json', 'readmission.application.withdrawn.v1', [
        { field: '$.reason', message: 'reason must be a string' },
        { field: '$.partnerReference', message: 'partnerReference must be a string' },
      ]),
    ).toBe(
      'a.json is not a valid readmission.application.withdrawn.v1 (2 errors); nothing was published:\n' +
        '  $.reason            reason must be a string\n' +
        '  $.partnerReference  partnerReference must be a string',
    );
  });
});
