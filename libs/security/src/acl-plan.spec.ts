import { PARTNER_AGREEMENTS } from '@readmission/agreements';
import {
  INTERNAL_EVENTS,
  REFERENCE_DATA_TOPIC,
  deadLetterTopic,
  internalGroup,
  partnerInboundTopic,
  partnerOutboundTopic,
} from '@readmission/contracts';
import { MONITORING_USER, aclPlan, partnerUser, planAllows, planUsers, serviceUser } from './acl-plan';
import { SERVICES } from './topic-access';

const partners = Object.keys(PARTNER_AGREEMENTS);
const plan = aclPlan(partners);
const INTERNAL = Object.keys(INTERNAL_EVENTS);
const writersOf = (topic: string) => planUsers(partners).filter((u) => planAllows(plan, u, 'WRITE', 'TOPIC', topic));
const readersOf = (topic: string) => planUsers(partners).filter((u) => planAllows(plan, u, 'READ', 'TOPIC', topic));

describe('the ACL plan', () => {
  it('has a principal for every partner of the shipped rulebook, every service and monitoring', () => {
    expect(partners).toEqual(expect.arrayContaining(['CH', 'DE']));
    expect(planUsers(partners)).toEqual([...partners.map(partnerUser), ...SERVICES.map(serviceUser), MONITORING_USER]);
  });

  it.each(partners)('lets partner %s write only its inbound topic and read only its outbound topic', (p) => {
    const own = new Set([partnerInboundTopic(p), partnerOutboundTopic(p)]);
    const grants = plan.filter((g) => g.principal === `User:${partnerUser(p)}`);
    expect(grants.filter((g) => g.resourceType === 'TOPIC')).toEqual([
      expect.objectContaining({ resourceName: partnerInboundTopic(p), patternType: 'LITERAL', operation: 'WRITE' }),
      expect.objectContaining({ resourceName: partnerOutboundTopic(p), patternType: 'LITERAL', operation: 'READ' }),
    ]);
    expect(grants.filter((g) => g.resourceType === 'GROUP')).toEqual([
      expect.objectContaining({ resourceName: `partner.${p.toLowerCase()}.`, patternType: 'PREFIXED', operation: 'READ' }),
    ]);
    for (const other of partners.filter((o) => o !== p)) {
      expect(planAllows(plan, partnerUser(p), 'WRITE', 'TOPIC', partnerInboundTopic(other))).toBe(false);
      expect(planAllows(plan, partnerUser(p), 'READ', 'TOPIC', partnerOutboundTopic(other))).toBe(false);
    }
    for (const t of INTERNAL) expect(planAllows(plan, partnerUser(p), 'DESCRIBE', 'TOPIC', t)).toBe(false);
    for (const s of SERVICES) expect(planAllows(plan, partnerUser(p), 'READ', 'GROUP', s)).toBe(false);
    expect([...own].every((t) => planAllows(plan, partnerUser(p), 'DESCRIBE', 'TOPIC', t))).toBe(true);
  });

  it('lets only intake write partner outbound topics, and only intake read partner inbound topics', () => {
    for (const p of partners) {
      expect(writersOf(partnerOutboundTopic(p))).toEqual([serviceUser('intake')]);
      expect(readersOf(partnerInboundTopic(p))).toEqual([serviceUser('intake')]);
      expect(writersOf(partnerInboundTopic(p))).toEqual([partnerUser(p)]);
    }
  });

  it('gives every internal topic the writers and readers of the services table, and nobody else', () => {
    expect(writersOf('readmission.internal.case-registered.v1')).toEqual([serviceUser('intake')]);
    expect(writersOf('readmission.internal.case-decided.v1')).toEqual([serviceUser('verification')]);
    expect(writersOf('readmission.internal.person-arrived.v1')).toEqual([serviceUser('transfer')]);
    expect(writersOf('readmission.internal.partner-reply-requested.v1')).toEqual([serviceUser('verification'), serviceUser('transfer')]);
    expect(readersOf('readmission.internal.partner-reply-requested.v1')).toEqual([serviceUser('intake')]);
    expect(readersOf('readmission.internal.case-registered.v1')).toEqual([serviceUser('verification'), serviceUser('reintegration')]);
    // No one may write the retired calendar topic.
    expect(writersOf('readmission.internal.calendar-published.v1')).toEqual([]);
  });

  it('lets only intake write the compacted reference-data topic', () => {
    for (const topic of INTERNAL.filter((t) => (INTERNAL_EVENTS as Record<string, { compacted?: boolean }>)[t].compacted)) {
      expect(writersOf(topic)).toEqual(topic === REFERENCE_DATA_TOPIC ? [serviceUser('intake')] : []);
    }
  });

  it('lets each service write its own dead-letter topic only, and consume in its own group only', () => {
    for (const s of SERVICES) {
      expect(writersOf(deadLetterTopic(s))).toEqual([serviceUser(s)]);
      const groups = plan.filter((g) => g.principal === `User:${serviceUser(s)}` && g.resourceType === 'GROUP');
      const own = [s, ...(s === 'intake' ? [internalGroup(s)] : [])];
      expect(groups).toEqual(own.map((name) => expect.objectContaining({ resourceName: name, patternType: 'LITERAL', operation: 'READ' })));
    }
  });

  it('gives monitoring metadata only: no record of any topic', () => {
    for (const t of [...INTERNAL, partnerInboundTopic('DE'), partnerOutboundTopic('DE')]) {
      expect(planAllows(plan, MONITORING_USER, 'READ', 'TOPIC', t)).toBe(false);
      expect(planAllows(plan, MONITORING_USER, 'WRITE', 'TOPIC', t)).toBe(false);
      expect(planAllows(plan, MONITORING_USER, 'DESCRIBE', 'TOPIC', t)).toBe(true);
    }
  });

  it('never grants a service or partner a wildcard, a cluster operation or a topic prefix other than DESCRIBE', () => {
    for (const g of plan.filter((g) => g.principal !== `User:${MONITORING_USER}`)) {
      expect(g.resourceName).not.toBe('*');
      expect(g.resourceType).not.toBe('CLUSTER');
      if (g.resourceType === 'TOPIC' && g.patternType === 'PREFIXED') expect(g.operation).toBe('DESCRIBE');
    }
  });
});
