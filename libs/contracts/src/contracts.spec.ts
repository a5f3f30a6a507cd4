import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { parse as parseYaml } from 'yaml';
import {
  PARTNER_INBOUND,
  PARTNER_OUTBOUND,
  PartnerRecordInput,
  buildPartnerRecord,
  encodeMessage,
  parsePartnerRecord,
  partnerAsyncApi,
  partnerAsyncApiYaml,
  partnerInboundTopic,
  validateClosed,
} from './index';

type Fixture = PartnerRecordInput & { expect?: { code?: string; field: string } };
const FIXTURES = join(__dirname, '..', 'fixtures');
const load = (dir: string): [string, Fixture][] =>
  readdirSync(join(FIXTURES, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(FIXTURES, dir, f), 'utf8')) as Fixture]);

const asyncapi = partnerAsyncApi() as { components: { schemas: Record<string, object> } };
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
for (const [name, schema] of Object.entries(asyncapi.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
const schemaValid = (type: string, value: unknown): boolean => {
  const def =
    (PARTNER_INBOUND as Record<string, { payload: { name: string } }>)[type] ??
    (PARTNER_OUTBOUND as Record<string, { payload: { name: string } }>)[type];
  return ajv.validate(`#/components/schemas/${def.payload.name}`, value) as boolean;
};
const topic = partnerInboundTopic('de');

describe('partner interface v1: inbound fixtures', () => {
  it.each(load('valid'))('%s parses, and the AsyncAPI schema accepts it', (_, fixture) => {
    const parsed = parsePartnerRecord({ topic, ...buildPartnerRecord(fixture) });
    expect(parsed).toMatchObject({ ok: true, message: { partnerCode: 'DE', type: fixture.type } });
    expect(schemaValid(fixture.type, fixture.value)).toBe(true);
  });

  it('covers every inbound message type with a valid fixture', () => {
    const types = new Set(load('valid').map(([, f]) => f.type));
    expect([...types].sort()).toEqual(Object.keys(PARTNER_INBOUND).sort());
  });

  it.each(load('invalid'))('%s is rejected with its code and JSON path', (_, fixture) => {
    const parsed = parsePartnerRecord({ topic, ...buildPartnerRecord(fixture) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok || parsed.failure.kind !== 'rejected') throw new Error('expected a rejection');
    expect(parsed.partnerCode).toBe('DE');
    expect(parsed.failure.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: fixture.expect!.code, field: fixture.expect!.field })]),
    );
    expect(parsed.failure.reasons.every((r) => r.message.length > 0)).toBe(true);
    // Value-level defects are visible to a partner that validates with the published schema too.
    const valueLevel =
      fixture.expect!.field.startsWith('$') &&
      !fixture.raw &&
      fixture.key === undefined &&
      Object.prototype.hasOwnProperty.call(PARTNER_INBOUND, fixture.type);
    if (valueLevel) expect(schemaValid(fixture.type, fixture.value)).toBe(false);
  });

  it('rejects a transfer notice of more than 500 persons', () => {
    const value = {
      transferReference: 'T-1',
      partnerReferences: Array.from({ length: 501 }, (_, i) => `R-${i}`),
      plannedArrival: '2026-12-10T14:25:00+04:00',
      borderCrossingPoint: 'GYD',
      transport: { mode: 'air' },
    };
    const parsed = parsePartnerRecord({ topic, ...buildPartnerRecord({ type: 'readmission.transfer.notified.v1', value }) });
    expect(parsed).toMatchObject({ ok: false, failure: { reasons: [expect.objectContaining({ field: '$.partnerReferences' })] } });
  });

  it('rejects a value over 1 MiB', () => {
    const fixture = load('valid').find(([n]) => n === 'application-submitted-national.json')![1];
    const value = { ...(fixture.value as object), evidence: [{ type: 'other', form: 'copy', note: 'x'.repeat(2000) }] };
    const record = buildPartnerRecord({ ...fixture, value });
    const parsed = parsePartnerRecord({ topic, ...record, value: record.value.padEnd(1024 * 1024 + 1, ' ') });
    expect(parsed).toMatchObject({ ok: false, failure: { kind: 'rejected', reasons: [expect.objectContaining({ field: '$' })] } });
  });

  it('rejects malformed UTF-8 rather than repairing it', () => {
    const record = buildPartnerRecord(load('valid')[0][1]);
    const value = Buffer.concat([Buffer.from(record.value.slice(0, -1)), Buffer.from([0xff]), Buffer.from('}')]);
    const parsed = parsePartnerRecord({ topic, key: record.key, headers: record.headers, value });
    expect(parsed).toMatchObject({
      ok: false,
      failure: { reasons: [expect.objectContaining({ message: 'the value is not valid UTF-8 JSON' })] },
    });
  });

  it('cannot attribute a record without a key, nor one on a topic that is not a partner inbound topic', () => {
    const record = buildPartnerRecord(load('valid')[0][1]);
    expect(parsePartnerRecord({ topic, ...record, key: null })).toMatchObject({ ok: false, failure: { kind: 'unattributable' } });
    expect(parsePartnerRecord({ topic: 'readmission.partner.de.outbound.v1', ...record })).toMatchObject({
      ok: false,
      failure: { kind: 'unattributable' },
    });
  });

  it('identifies the partner by the topic, never by a field', () => {
    const record = buildPartnerRecord(load('valid')[0][1]);
    const parsed = parsePartnerRecord({ topic: partnerInboundTopic('ch'), ...record });
    expect(parsed).toMatchObject({ ok: true, message: { partnerCode: 'CH' } });
  });
});

describe('partner interface v1: outbound messages', () => {
  it.each(load('outbound'))('%s is valid for the classes and the AsyncAPI schema', (_, fixture) => {
    const def = (PARTNER_OUTBOUND as Record<string, { payload: new () => object }>)[fixture.type];
    expect(validateClosed(def.payload, fixture.value).ok).toBe(true);
    expect(schemaValid(fixture.type, fixture.value)).toBe(true);
  });

  it('covers every outbound message type', () => {
    expect([...new Set(load('outbound').map(([, f]) => f.type))].sort()).toEqual(Object.keys(PARTNER_OUTBOUND).sort());
  });

  it.each(load('outbound-invalid'))('%s is refused by the classes, the schema and the encoder', (_, fixture) => {
    const def = (PARTNER_OUTBOUND as Record<string, { payload: new () => object; type: string; keyField: string; summary: string }>)[
      fixture.type
    ];
    const validated = validateClosed(def.payload, fixture.value);
    expect(validated).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: fixture.expect!.field })]),
    });
    expect(schemaValid(fixture.type, fixture.value)).toBe(false);
    expect(() => encodeMessage(def, fixture.value as object, { id: 'x', source: 'urn:test', time: '2026-11-24T10:00:00Z' })).toThrow(
      /refusing to publish/,
    );
  });
});

describe('AsyncAPI document', () => {
  it('is the one committed in libs/contracts/asyncapi.yaml (run `npm run asyncapi` after changing a contract)', () => {
    const committed = readFileSync(join(__dirname, '..', 'asyncapi.yaml'), 'utf8');
    expect(committed).toEqual(partnerAsyncApiYaml());
  });

  it('describes both partner channels with every message type of the classes', () => {
    const doc = parseYaml(readFileSync(join(__dirname, '..', 'asyncapi.yaml'), 'utf8'));
    expect(doc.asyncapi).toBe('3.0.0');
    const names = (channel: string) =>
      Object.values(doc.channels[channel].messages as Record<string, { $ref: string }>).map(
        (ref) => doc.components.messages[ref.$ref.split('/').pop()!].name,
      );
    expect(names('partnerInbound').sort()).toEqual(Object.keys(PARTNER_INBOUND).sort());
    expect(names('partnerOutbound').sort()).toEqual(Object.keys(PARTNER_OUTBOUND).sort());
    expect(doc.channels.partnerInbound.address).toBe('readmission.partner.{partnerCode}.inbound.v1');
    for (const schema of Object.values(doc.components.schemas as Record<string, { additionalProperties?: boolean; properties?: object }>)) {
      if (schema.properties && !('ce_id' in schema.properties)) expect(schema.additionalProperties).toBe(false);
    }
  });
});
