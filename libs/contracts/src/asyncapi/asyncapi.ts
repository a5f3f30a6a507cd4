import { stringify } from 'yaml';
import { CE } from '../cloudevents';
import { MessageDefinition } from '../message-definition';
import { PARTNER_INBOUND, PARTNER_OUTBOUND } from '../partner/catalog';
import { SCHEMA_REF_PREFIX, SchemaObject, contractSchemas } from '../schema/json-schema';
import { TOPIC_PARTITIONS } from '../topics';

/**
 * The AsyncAPI 3 description of the partner interface v1, built from the same catalog and class metadata that
 * the platform validates with. `npm run asyncapi` writes it to libs/contracts/asyncapi.yaml; a test fails when
 * the committed file and the classes disagree.
 */
export function partnerAsyncApi(): Record<string, unknown> {
  const allSchemas = contractSchemas();
  const inbound = Object.values(PARTNER_INBOUND) as MessageDefinition[];
  const outbound = Object.values(PARTNER_OUTBOUND) as MessageDefinition[];
  const messageId = (d: MessageDefinition) =>
    d.type
      .replace(/^readmission\./, '')
      .replace(/\.v1$/, '')
      .replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());

  const messages: Record<string, unknown> = {};
  for (const [direction, list] of [
    ['inbound', inbound],
    ['outbound', outbound],
  ] as const) {
    for (const d of list) {
      messages[messageId(d)] = {
        name: d.type,
        title: d.type,
        summary: d.summary,
        contentType: 'application/json',
        headers: { $ref: `#/components/schemas/${direction === 'inbound' ? 'InboundHeaders' : 'OutboundHeaders'}` },
        payload: { $ref: `${SCHEMA_REF_PREFIX}${d.payload.name}` },
        bindings: {
          kafka: { key: { type: 'string', description: `the ${d.keyField} of the payload` }, bindingVersion: '0.5.0' },
        },
      };
    }
  }
  const refs = (list: MessageDefinition[]) =>
    Object.fromEntries(list.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }]));
  const channelRefs = (channel: string, list: MessageDefinition[]) =>
    list.map((d) => ({ $ref: `#/channels/${channel}/messages/${messageId(d)}` }));

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Readmission partner interface',
      version: '1.1.0',
      description:
        "How a requesting state's system talks to the readmission platform of the State Migration Service of Azerbaijan. " +
        'Each partner state writes only its own inbound topic and reads only its own outbound topic; the partner is ' +
        'identified by the topic, never by a field. Records carry CloudEvents 1.0 headers (Kafka binary mode) and a ' +
        'closed JSON value of at most 1 MiB. Version 1.1 is additive: new outbound message types (e.g. ' +
        '`readmission.application.withdrawal-confirmed.v1`, `readmission.transfer.time-limit-extended.v1`), new inbound ones ' +
        '(`readmission.remedy.pending.v1`, `readmission.remedy.lifted.v1`) and maximum sizes; a partner system built for 1.0 keeps working ' +
        'and may ignore the types it does not know. ' +
        "Azerbaijan's own readmission requests to a partner (interface 1.1) are the `readmission.request.*` types: Azerbaijan " +
        'writes `request.submitted`, `request.transfer-notified` and `request.handed-over` on the outbound topic, the partner ' +
        'answers `request.acknowledged`, `request.decided` and `request.travel-document-issued` on its inbound topic. ' +
        'Readmission by mistake (1.1): the platform asks the partner to take ' +
        'back a person readmitted by mistake (`readmission.mistake.return-requested.v1`, outbound), the partner answers ' +
        '(`readmission.mistake.answered.v1`, inbound), the return is confirmed (`readmission.mistake.return-completed.v1`, outbound).',
    },
    defaultContentType: 'application/json',
    channels: {
      partnerInbound: {
        address: 'readmission.partner.{partnerCode}.inbound.v1',
        title: 'Partner inbound topic',
        description: 'Written by partner {partnerCode} only; read by the platform (consumer group `intake`).',
        parameters: { partnerCode: { description: 'ISO 3166-1 alpha-2 code of the partner state, lower case (de, no, ch, me).' } },
        messages: refs(inbound),
        bindings: { kafka: { partitions: TOPIC_PARTITIONS.partner, bindingVersion: '0.5.0' } },
      },
      partnerOutbound: {
        address: 'readmission.partner.{partnerCode}.outbound.v1',
        title: 'Partner outbound topic',
        description: 'Written by the platform only; read by partner {partnerCode} only.',
        parameters: { partnerCode: { description: 'ISO 3166-1 alpha-2 code of the partner state, lower case.' } },
        messages: refs(outbound),
        bindings: { kafka: { partitions: TOPIC_PARTITIONS.partner, bindingVersion: '0.5.0' } },
      },
    },
    operations: {
      receivePartnerMessages: {
        action: 'receive',
        title: 'The platform receives partner messages',
        channel: { $ref: '#/channels/partnerInbound' },
        messages: channelRefs('partnerInbound', inbound),
        bindings: { kafka: { groupId: { type: 'string', enum: ['intake'] }, bindingVersion: '0.5.0' } },
      },
      sendPartnerReplies: {
        action: 'send',
        title: 'The platform replies to the partner',
        channel: { $ref: '#/channels/partnerOutbound' },
        messages: channelRefs('partnerOutbound', outbound),
      },
    },
    components: {
      messages,
      schemas: { ...headerSchemas(), ...reachableSchemas(allSchemas, [...inbound, ...outbound]) },
    },
  };
}

export function partnerAsyncApiYaml(): string {
  return `# Generated by \`npm run asyncapi\` from libs/contracts. Do not edit by hand.\n${stringify(partnerAsyncApi(), { lineWidth: 0 })}`;
}

function headerSchemas(): Record<string, SchemaObject> {
  const inboundProps: Record<string, SchemaObject> = {
    [CE.specversion]: { type: 'string', const: '1.0' },
    [CE.id]: { type: 'string', minLength: 1, maxLength: 200, description: 'Unique id of this message; a retry keeps its id.' },
    [CE.type]: { type: 'string', description: 'The message type.' },
    [CE.source]: { type: 'string', minLength: 1, description: 'The sending authority, e.g. urn:authority:de:bamf.' },
    [CE.time]: { type: 'string', format: 'date-time' },
    [CE.contentType]: { type: 'string', const: 'application/json' },
  };
  const required = Object.keys(inboundProps);
  return {
    InboundHeaders: { type: 'object', properties: inboundProps, required },
    OutboundHeaders: {
      type: 'object',
      properties: {
        ...inboundProps,
        [CE.subject]: { type: 'string', description: "The platform's case number, when one exists." },
        [CE.causationId]: { type: 'string', description: 'The ce_id of the inbound message being answered, when there is one.' },
      },
      required,
    },
  };
}

/** Only the schemas the partner messages use, found by following $ref from each payload. */
function reachableSchemas(all: Record<string, SchemaObject>, roots: MessageDefinition[]): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  const visit = (name: string) => {
    if (out[name] || !all[name]) return;
    out[name] = all[name];
    JSON.stringify(all[name]).replace(/"\$ref":"#\/components\/schemas\/(\w+)"/g, (_, ref: string) => {
      visit(ref);
      return '';
    });
  };
  roots.forEach((d) => visit(d.payload.name));
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
}
