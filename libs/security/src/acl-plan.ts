import { deadLetterTopic, internalGroup, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { SERVICE_TOPIC_ACCESS, SERVICES, ServiceName, TopicRef } from './topic-access';

/**
 * The broker's ACLs as data, generated from the partner list and the services' topic table. The broker runs with
 * `allow.everyone.if.no.acl.found=false`: what is not in the plan is refused. Only ALLOW entries.
 */
export type AclOperation = 'READ' | 'WRITE' | 'DESCRIBE';
export type AclResource = 'TOPIC' | 'GROUP' | 'CLUSTER';
export type AclPattern = 'LITERAL' | 'PREFIXED';

export interface AclGrant {
  principal: string; // User:<name>
  resourceType: AclResource;
  resourceName: string;
  patternType: AclPattern;
  operation: AclOperation;
}

/** SCRAM user names: `partner-<cc>` for a partner authority, `service-<name>` for a platform service. */
export const partnerUser = (partnerCode: string) => `partner-${partnerCode.toLowerCase()}`;
export const serviceUser = (service: ServiceName) => `service-${service}`;
/** Read-only principal of the consumer-lag exporter (metadata and group offsets, never a record). */
export const MONITORING_USER = 'monitoring';
export const principal = (user: string) => `User:${user}`;

/** A partner's consumer groups start with this (e.g. `partner.ch.replies`); the partner tool uses it too. */
export const partnerGroupPrefix = (partnerCode: string) => `partner.${partnerCode.toLowerCase()}.`;

/** The partner code of a `partner-<cc>` user, or undefined. */
export function partnerOfUser(user: string): string | undefined {
  const match = /^partner-([a-z]{2})$/.exec(user);
  return match ? match[1].toUpperCase() : undefined;
}

const topic = (p: string, name: string, operation: AclOperation, patternType: AclPattern = 'LITERAL'): AclGrant => ({
  principal: p,
  resourceType: 'TOPIC',
  resourceName: name,
  patternType,
  operation,
});
const group = (p: string, name: string, patternType: AclPattern): AclGrant => ({
  principal: p,
  resourceType: 'GROUP',
  resourceName: name,
  patternType,
  operation: 'READ',
});

function expand(ref: TopicRef, partners: string[]): string[] {
  if (ref === 'partner-inbound') return partners.map(partnerInboundTopic);
  if (ref === 'partner-outbound') return partners.map(partnerOutboundTopic);
  return [ref];
}

/** A partner writes its inbound topic and reads its outbound topic, in consumer groups of its own prefix. Nothing else. */
export function partnerGrants(partnerCode: string): AclGrant[] {
  const p = principal(partnerUser(partnerCode));
  return [
    topic(p, partnerInboundTopic(partnerCode), 'WRITE'),
    topic(p, partnerOutboundTopic(partnerCode), 'READ'),
    group(p, partnerGroupPrefix(partnerCode), 'PREFIXED'),
  ];
}

/**
 * A service reads and writes the topics of its row (partner topics for every partner), writes its own dead-letter
 * topic, consumes in its own group, and may see every platform topic's metadata (DESCRIBE: to find that the topics
 * it starts with exist; it cannot create, read or write them).
 */
export function serviceGrants(service: ServiceName, partners: string[]): AclGrant[] {
  const p = principal(serviceUser(service));
  const access = SERVICE_TOPIC_ACCESS[service];
  return [
    ...access.reads.flatMap((ref) => expand(ref, partners)).map((t) => topic(p, t, 'READ')),
    ...access.writes.flatMap((ref) => expand(ref, partners)).map((t) => topic(p, t, 'WRITE')),
    topic(p, deadLetterTopic(service), 'WRITE'),
    topic(p, 'readmission.', 'DESCRIBE', 'PREFIXED'),
    group(p, service, 'LITERAL'),
    // Intake consumes its internal topics in a group of their own, so that a partner's backlog never holds them back.
    ...(service === 'intake' ? [group(p, internalGroup(service), 'LITERAL')] : []),
  ];
}

export function monitoringGrants(): AclGrant[] {
  const p = principal(MONITORING_USER);
  return [
    topic(p, 'readmission.', 'DESCRIBE', 'PREFIXED'),
    { principal: p, resourceType: 'GROUP', resourceName: '*', patternType: 'LITERAL', operation: 'DESCRIBE' },
    { principal: p, resourceType: 'CLUSTER', resourceName: 'kafka-cluster', patternType: 'LITERAL', operation: 'DESCRIBE' },
  ];
}

/** Every user of the plan: each partner's, each service's, the monitoring one. */
export function planUsers(partners: string[]): string[] {
  return [...partners.map(partnerUser), ...SERVICES.map(serviceUser), MONITORING_USER];
}

/** The whole set of ACLs for these partners. */
export function aclPlan(partners: string[]): AclGrant[] {
  return [...partners.flatMap(partnerGrants), ...SERVICES.flatMap((s) => serviceGrants(s, partners)), ...monitoringGrants()];
}

/** Stable identity of a grant (comparing the plan with what the broker holds). */
export const grantKey = (g: AclGrant) => [g.principal, g.resourceType, g.patternType, g.resourceName, g.operation].join('|');

/**
 * Whether the plan lets `user` do `operation` on a topic or group, as Kafka decides it (literal match, prefix match,
 * `*`; READ and WRITE imply DESCRIBE). For the unit tests; the broker itself is tested in acls.int-spec.ts.
 */
export function planAllows(plan: AclGrant[], user: string, operation: AclOperation, resourceType: AclResource, name: string): boolean {
  return plan.some(
    (g) =>
      g.principal === principal(user) &&
      g.resourceType === resourceType &&
      (g.operation === operation || (operation === 'DESCRIBE' && (g.operation === 'READ' || g.operation === 'WRITE'))) &&
      (g.resourceName === '*' || (g.patternType === 'LITERAL' ? g.resourceName === name : name.startsWith(g.resourceName))),
  );
}
