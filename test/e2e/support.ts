import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SHIPPED_CROSSING_POINTS } from '@readmission/agreements';
import { Role, devTokenClaims, mintDevToken } from '@readmission/auth';
import { INTERNAL_EVENTS, buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { KafkaTestClient, LaunchedPlatform, SERVICES, freePortBlock, launchPlatform } from '@readmission/testing';

export interface E2EPlatform {
  platform: LaunchedPlatform;
  isolation: { dbPrefix: string; groupPrefix: string };
  /** An HTTP call with a development token for the role (none: no token). */
  api(url: string, role?: Role, init?: RequestInit, subject?: string): Promise<Response>;
}

/**
 * Launches a copy of the platform for one e2e file: its own databases and consumer groups (`e2e-<run>`), every
 * group starting at the end of the shared topics (earlier runs' records are not replayed into it), on a random
 * base port in the file's own range so that files never collide.
 */
export async function launchE2EPlatform(
  kafka: KafkaTestClient,
  options: { run: string; partners: string[]; ports: [number, number]; env?: Record<string, string> },
): Promise<E2EPlatform> {
  const isolation = { dbPrefix: `e2e-${options.run}`, groupPrefix: `e2e-${options.run}-` };
  const devKeyFile = join(mkdtempSync(join(tmpdir(), 'readmission-e2e-')), 'dev-key.json');
  const consumed = [...options.partners.map((p) => partnerInboundTopic(p)), ...Object.keys(INTERNAL_EVENTS)];
  await kafka.createTopics([...consumed, ...options.partners.map((p) => partnerOutboundTopic(p))]);
  await Promise.all(SERVICES.map((service) => kafka.startGroupAtEnd(`${isolation.groupPrefix}${service}`, consumed)));
  const [from, to] = options.ports;
  const platform = await launchPlatform({
    kafkaBrokers: process.env.KAFKA_BROKERS as string,
    mongodbUri: process.env.MONGODB_URI as string,
    basePort: await freePortBlock(4, [from, to]),
    devKeyFile,
    isolation,
    partners: options.partners,
    logDir: join(__dirname, '..', '..', '.local', 'logs', `e2e-${options.run}`),
    extraEnv: options.env,
  });
  /** A call as `role`; `subject` names the person (four eyes need two different officers). */
  const crossingPoints = SHIPPED_CROSSING_POINTS[0].points.map((p) => p.code);
  const api = async (url: string, role?: Role, init: RequestInit = {}, subject = `e2e-${role}`) => {
    const auth: Record<string, string> = role
      ? { authorization: `Bearer ${await mintDevToken(devKeyFile, devTokenClaims(role, subject, crossingPoints))}` }
      : {};
    return fetch(url, { ...init, headers: { 'content-type': 'application/json', ...auth } });
  };
  return { platform, isolation, api };
}

/** Matches a record by key and CloudEvents type. */
export const byKey = (key: string, type: string) => (r: { key: Buffer | null; headers?: Record<string, unknown> }) =>
  r.key?.toString() === key && String(r.headers?.ce_type) === type;

/** The partner's advance notice of a transfer of `partnerReferences` by air to GYD, as the journeys after an acceptance send it. */
export const airTransferNotice = (transferReference: string, partnerReferences: string[], plannedArrival: string) =>
  buildPartnerRecord({
    type: 'readmission.transfer.notified.v1',
    value: { transferReference, partnerReferences, plannedArrival, borderCrossingPoint: 'GYD', transport: { mode: 'air' } },
  });
