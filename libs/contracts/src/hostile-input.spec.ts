import { readFileSync } from 'fs';
import { join } from 'path';
import {
  ApplicationRejectedV1,
  INPUT_LIMITS,
  PARTNER_OUTBOUND,
  ParsedPartnerRecord,
  buildPartnerRecord,
  encodeMessage,
  parsePartnerRecord,
  partnerInboundTopic,
} from './index';

// Records a hostile partner can write. Each has a key and a ce_id, so each must be answered with a rejection that
// names the field and that itself passes the outbound contract; none may throw.
const topic = partnerInboundTopic('DE');
const valid = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8')) as {
  type: string;
  value: Record<string, unknown>;
};
const SUBMITTED = 'readmission.application.submitted.v1';
const application = (patch: Record<string, unknown> = {}) => ({ ...structuredClone(valid.value), partnerReference: 'DE-H-1', ...patch });

function rejection(parsed: ParsedPartnerRecord) {
  if (parsed.ok || parsed.failure.kind !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(parsed).slice(0, 300)}`);
  return parsed.failure;
}

/** The rejection intake would publish for this failure passes the outbound contract and stays small. */
function answerable(parsed: ParsedPartnerRecord) {
  const failure = rejection(parsed);
  const record = encodeMessage(
    PARTNER_OUTBOUND['readmission.application.rejected.v1'],
    Object.assign(new ApplicationRejectedV1(), { partnerReference: failure.key, reasons: failure.reasons }),
    { id: 'r-1', source: 'urn:test', time: new Date().toISOString(), causationId: failure.envelope.id },
  );
  expect(Buffer.byteLength(record.value)).toBeLessThan(16_000);
  return failure;
}

const parse = (input: Parameters<typeof buildPartnerRecord>[0]) => parsePartnerRecord({ topic, ...buildPartnerRecord(input) });

describe('hostile partner input', () => {
  it('answers a record nested 5,000 levels deep as invalid-message at the depth limit (no RangeError)', () => {
    const deep = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`;
    const value = JSON.stringify(application()).replace(/"requestingAuthority":\{[^}]*\}/, `"requestingAuthority":${deep}`);
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value, raw: true }));
    expect(failure.reasons[0]).toMatchObject({ code: 'invalid-message', field: expect.stringMatching(/^\$\.requestingAuthority(\.a)+/) });
    expect(failure.reasons[0].message).toMatch(/nested deeper than 32/);
  });

  it('answers a deeply nested array as well', () => {
    const value = `{"partnerReference":"DE-H-1","person":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value, raw: true }));
    expect(failure.reasons[0]).toMatchObject({ code: 'invalid-message' });
  });

  it('answers a record key longer than 256 characters, naming the key, with the key cut to 256', () => {
    const key = 'K'.repeat(5000);
    const failure = answerable(parse({ type: SUBMITTED, key, value: application() }));
    expect(failure.key.length).toBeLessThanOrEqual(INPUT_LIMITS.key);
    expect(failure.reasons).toEqual([expect.objectContaining({ code: 'invalid-message', field: 'key' })]);
  });

  it('answers a key that is not valid UTF-8', () => {
    const record = { topic, ...buildPartnerRecord({ type: SUBMITTED, value: application() }) };
    const failure = answerable(parsePartnerRecord({ ...record, key: Buffer.from([0x44, 0xc3, 0x28, 0xff]) }));
    expect(failure.reasons[0]).toMatchObject({ field: 'key', message: expect.stringMatching(/UTF-8/) });
  });

  it('answers a ce_type of 2,000 characters as unsupported-type, its echo cut', () => {
    const failure = answerable(parse({ type: 'x'.repeat(2000), key: 'DE-H-1', value: application() }));
    expect(failure.reasons).toEqual([expect.objectContaining({ code: 'unsupported-type', field: 'headers.ce_type' })]);
    expect(failure.envelope.type!.length).toBeLessThanOrEqual(200);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('answers ce_type %s as unsupported-type', (type) => {
    const failure = answerable(parse({ type, key: 'DE-H-1', value: application() }));
    expect(failure.reasons).toEqual([expect.objectContaining({ code: 'unsupported-type', field: 'headers.ce_type' })]);
  });

  it('answers an unknown field name of 2,500 characters, the path cut', () => {
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value: application({ ['f'.repeat(2500)]: 1 }) }));
    expect(failure.reasons[0]).toMatchObject({ code: 'invalid-message', field: expect.stringMatching(/^\$\.f+/) });
    expect(failure.reasons[0].field!.length).toBeLessThanOrEqual(256);
  });

  it.each([
    ['$where at the top', { $where: 'sleep(1000)' }, '$.$where'],
    ['$-key inside the person', { person: { ...(valid.value.person as object), $set: { x: 1 } } }, '$.person.$set'],
    ['__proto__ as a field', JSON.parse('{"__proto__": {"polluted": true}}'), '$.__proto__'],
    ['constructor as a field', { constructor: { prototype: { polluted: true } } }, '$.constructor'],
  ])('answers %s as invalid-message naming it', (_, patch, field) => {
    const value = JSON.stringify(application()).replace(/}$/, `,${JSON.stringify(patch).slice(1)}`);
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value, raw: true }));
    expect(failure.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'invalid-message', field })]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers invalid UTF-8 in the value', () => {
    const record = { topic, ...buildPartnerRecord({ type: SUBMITTED, key: 'DE-H-1', value: application() }) };
    const value = Buffer.concat([Buffer.from('{"partnerReference":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const failure = answerable(parsePartnerRecord({ ...record, value }));
    expect(failure.reasons[0]).toMatchObject({ code: 'invalid-message', field: '$' });
  });

  it('gives 20,000 invalid evidence items a small rejection naming the array', () => {
    const evidence = Array.from({ length: 20_000 }, () => ({ type: 'nonsense' }));
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value: application({ evidence }) }));
    expect(failure.reasons).toEqual([expect.objectContaining({ code: 'invalid-message', field: '$.evidence' })]);
  });

  it('lists at most 20 reasons and counts the rest', () => {
    const evidence = Array.from({ length: 100 }, () => ({ type: 'nonsense', form: 'x' }));
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value: application({ evidence }) }));
    expect(failure.reasons).toHaveLength(21);
    expect(failure.reasons[20]).toMatchObject({ field: '$', message: expect.stringMatching(/^and \d+ more problem/) });
  });

  it('refuses more aliases than the interface allows (20)', () => {
    const person = { ...(valid.value.person as object), aliases: Array.from({ length: 5000 }, (_, i) => `Alias ${i}`) };
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', value: application({ person }) }));
    expect(failure.reasons).toEqual([expect.objectContaining({ field: '$.person.aliases' })]);
  });

  it('cuts an overlong ce_id in the envelope it echoes', () => {
    const failure = answerable(parse({ type: SUBMITTED, key: 'DE-H-1', id: 'i'.repeat(100_000), value: application() }));
    expect(failure.reasons[0]).toMatchObject({ field: 'headers.ce_id' });
    expect(failure.envelope.id!.length).toBeLessThanOrEqual(200);
  });
});
