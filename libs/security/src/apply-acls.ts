import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes } from 'kafkajs';
import { INTERNAL_EVENTS, platformTopics } from '@readmission/contracts';
import { ensureTopics } from '@readmission/messaging';
import {
  AclGrant,
  aclPlan,
  grantKey,
  partnerGrants,
  partnerOfUser,
  partnerUser,
  planUsers,
  principal,
  serviceGrants,
  serviceUser,
} from './acl-plan';
import { ScramUser, upsertScramUsers } from './scram-credentials';
import { SERVICES } from './topic-access';

/**
 * Passwords of the plan's users, one file per user in `dir` (named after the user). A missing file gets a random
 * password, written readable by its owner only, so that the operator hands it to that partner or service. Never
 * printed.
 */
export function credentialsFor(users: string[], dir: string): ScramUser[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return users.map((name) => {
    const file = join(dir, name);
    if (!existsSync(file)) writeFileSync(file, randomBytes(30).toString('base64url'), { mode: 0o600, flag: 'wx' });
    const password = readFileSync(file, 'utf8').trim();
    if (password.length < 16) throw new Error(`the password in ${file} is shorter than 16 characters`);
    return { name, password };
  });
}

export interface ApplyReport {
  created: number;
  deleted: number;
  users: string[];
}

/**
 * Makes the broker hold exactly the plan for the plan's principals: creates the missing ACLs, deletes those of these
 * principals the plan no longer has, and creates or refreshes their SCRAM credentials. Idempotent.
 */
export async function applyGrants(kafka: Kafka, grants: AclGrant[], users: ScramUser[]): Promise<ApplyReport> {
  await upsertScramUsers(kafka, users);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const principals = [...new Set([...grants.map((g) => g.principal), ...users.map((u) => principal(u.name))])];
    const held = (await Promise.all(principals.map((p) => describeGrants(admin, p)))).flat();
    const wanted = new Set(grants.map(grantKey));
    const heldKeys = new Set(held.map(grantKey));
    const missing = grants.filter((g) => !heldKeys.has(grantKey(g)));
    const extra = held.filter((g) => !wanted.has(grantKey(g)));
    if (missing.length > 0) await admin.createAcls({ acl: missing.map(toKafkajs) });
    if (extra.length > 0) await admin.deleteAcls({ filters: extra.map(toKafkajs) });
    // The broker applies ACLs once the controller's metadata reaches it: wait, so that what follows sees them.
    if (missing.length + extra.length > 0) await untilHeld(admin, principals, wanted);
    return { created: missing.length, deleted: extra.length, users: users.map((u) => u.name) };
  } finally {
    await admin.disconnect();
  }
}

/** Partners that already have a principal with ACLs on the broker (added with `kafka:partner add`). */
export async function partnersOnBroker(kafka: Kafka): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const users = resources.flatMap((r) => r.acls.map((a) => a.principal.replace(/^User:/, '')));
    return [...new Set(users.map(partnerOfUser).filter((p): p is string => !!p))];
  } finally {
    await admin.disconnect();
  }
}

/** The whole set: every topic, every principal and its ACLs, for these partners (plus those the broker knows). */
export async function applyAll(kafka: Kafka, partners: string[], credentialsDir: string): Promise<ApplyReport> {
  const all = [...new Set([...partners, ...(await partnersOnBroker(kafka))])].sort();
  await ensureTopics(kafka, platformTopics(all, Object.keys(INTERNAL_EVENTS), SERVICES));
  return applyGrants(kafka, aclPlan(all), credentialsFor(planUsers(all), credentialsDir));
}

/** A new partner: its topics, its principal and ACLs, and intake's ACLs on its topics. Idempotent. */
export async function addPartner(kafka: Kafka, partner: string, credentialsDir: string): Promise<ApplyReport> {
  const partners = [...new Set([...(await partnersOnBroker(kafka)), partner.toUpperCase()])].sort();
  await ensureTopics(kafka, platformTopics([partner], [], []));
  // intake's grants cover every partner's topics, so they are recomputed with the new one included.
  const grants = [...partnerGrants(partner), ...serviceGrants('intake', partners)];
  return applyGrants(kafka, grants, credentialsFor([partnerUser(partner), serviceUser('intake')], credentialsDir));
}

async function untilHeld(admin: ReturnType<Kafka['admin']>, principals: string[], wanted: Set<string>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = new Set((await Promise.all(principals.map((p) => describeGrants(admin, p)))).flat().map(grantKey));
    if (held.size === wanted.size && [...wanted].every((k) => held.has(k))) return;
    if (Date.now() > deadline) throw new Error(`the broker does not show the ACLs applied after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function describeGrants(admin: ReturnType<Kafka['admin']>, p: string): Promise<AclGrant[]> {
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ALLOW,
    principal: p,
  });
  return resources.flatMap((r) =>
    r.acls.map((a) => ({
      principal: a.principal,
      resourceType: nameOf(AclResourceTypes, r.resourceType) as AclGrant['resourceType'],
      resourceName: r.resourceName,
      patternType: nameOf(ResourcePatternTypes, r.resourcePatternType) as AclGrant['patternType'],
      operation: nameOf(AclOperationTypes, a.operation) as AclGrant['operation'],
    })),
  );
}

function toKafkajs(g: AclGrant) {
  return {
    resourceType: AclResourceTypes[g.resourceType],
    resourceName: g.resourceName,
    resourcePatternType: ResourcePatternTypes[g.patternType],
    principal: g.principal,
    host: '*',
    operation: AclOperationTypes[g.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** kafkajs's enums are plain objects at run time (no reverse mapping): the name of a numeric value. */
function nameOf(values: object, value: number): string | undefined {
  return Object.entries(values).find(([, v]) => v === value)?.[0];
}
