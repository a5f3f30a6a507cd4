import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { PARTNER_AGREEMENTS } from '@readmission/agreements';
import {
  INTERNAL_EVENTS,
  REFERENCE_DATA_TOPIC,
  TOPIC_PARTITIONS,
  CE,
  buildPartnerRecord,
  deadLetterTopic,
  partnerInboundTopic,
  partnerOutboundTopic,
} from '@readmission/contracts';
import { EventPublisher, createKafka, ensureTopics, kafkaTlsOptions } from '@readmission/messaging';
import { PlatformSettings, kafkaSettingsFrom, loadSettings } from '@readmission/platform';
import { makeTestCa } from '@readmission/testing';
import { addPartner, applyAll } from './apply-acls';
import { MONITORING_USER, partnerUser, serviceUser } from './acl-plan';
import { adminKafka } from './cli/admin-connection';
import { kafkajsCluster } from './scram-credentials';

/**
 * The ACLs on a real broker in the secured mode (started by this project's global setup): what a partner and a
 * service may and may not do, as the broker decides it.
 */
const brokers = (process.env.SECURED_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const adminPasswordFile = process.env.SECURED_KAFKA_ADMIN_PASSWORD_FILE as string;
const credentials = mkdtempSync(join(tmpdir(), 'kafka-credentials-'));
const run_ = randomBytes(3).toString('hex');
const INTERNAL = Object.keys(INTERNAL_EVENTS);

const admin = () => adminKafka({ KAFKA_BROKERS: brokers.join(','), KAFKA_SASL_PASSWORD_FILE: adminPasswordFile });
const as = (user: string, password = readFileSync(join(credentials, user), 'utf8')) =>
  new Kafka({
    clientId: `acl-test-${user}`,
    brokers,
    sasl: { mechanism: 'scram-sha-512', username: user, password },
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 5000,
  });

async function send(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: `k-${run_}`, value: `{"run":"${run_}"}` }], acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/**
 * Reads the first record of `topic` in `groupId` (the first holding `match`, when given), or fails with the broker's
 * refusal (subscribe or join).
 */
async function readOne(kafka: Kafka, topic: string, groupId: string, timeoutMs = 30_000, match = ''): Promise<string> {
  const consumer: Consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    retry: { retries: 0, restartOnFailure: async () => false },
  });
  await consumer.connect();
  try {
    const crashed = new Promise<never>((_, reject) => consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error)));
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const got = new Promise<string>((resolve) =>
      consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString().includes(match)) resolve(message.value.toString());
        },
      }),
    );
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`nothing read from ${topic}`)), timeoutMs));
    return await Promise.race([got, crashed, timeout]);
  } finally {
    await consumer.disconnect();
  }
}

/** The broker's refusal in a kafkajs error (kafkajs wraps it: a cause, or only its message). */
function refusal(error: unknown): string {
  type Failure = { type?: string; message?: string; cause?: unknown; originalError?: unknown; errors?: unknown[] };
  const found = (e: Failure | undefined): string | undefined => {
    if (!e) return undefined;
    if (e.type?.endsWith('AUTHORIZATION_FAILED')) return e.type;
    if (/Topic authorization failed/.test(e.message ?? '')) return 'TOPIC_AUTHORIZATION_FAILED';
    if (/Group authorization failed/.test(e.message ?? '')) return 'GROUP_AUTHORIZATION_FAILED';
    const inner = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])].map((x) => found(x as Failure)).filter(Boolean);
    return inner.length > 0 && inner.every((x) => x === inner[0]) ? inner[0] : undefined;
  };
  return found(error as Failure) ?? `not refused by the ACLs: ${String(error)}`;
}
const outcome = (attempt: Promise<unknown>) => attempt.then(() => 'allowed', refusal);
const refusedTopic = 'TOPIC_AUTHORIZATION_FAILED';

/** FindCoordinator for a group, the first step of joining it (kafkajs's consumer hides the broker's answer). */
async function findCoordinator(kafka: Kafka, groupId: string): Promise<void> {
  const cluster = kafkajsCluster(kafka);
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    await (await cluster.findControllerBroker()).findGroupCoordinator({ groupId, coordinatorType: 0 });
  } finally {
    await cluster.disconnect();
  }
}
const refusedGroup = 'GROUP_AUTHORIZATION_FAILED';

beforeAll(async () => {
  // Twice: the second run of the whole set changes nothing (idempotent).
  await applyAll(admin(), Object.keys(PARTNER_AGREEMENTS), credentials);
  expect(await applyAll(admin(), Object.keys(PARTNER_AGREEMENTS), credentials)).toMatchObject({ created: 0, deleted: 0 });
}, 180_000);

afterAll(() => rmSync(credentials, { recursive: true, force: true }));

describe('partner CH', () => {
  const ch = () => as(partnerUser('CH'));

  it('sends to its inbound topic and reads its outbound topic in a group of its own prefix', async () => {
    await send(ch(), partnerInboundTopic('CH'));
    await send(admin(), partnerOutboundTopic('CH')); // a reply, as intake would publish it
    // (on a reused broker the topic also holds earlier runs' records: this run's is the one read)
    expect(await readOne(ch(), partnerOutboundTopic('CH'), `partner.ch.replies-${run_}`, 30_000, run_)).toContain('"run"');
  });

  it("is refused writing DE's inbound topic and reading DE's outbound topic", async () => {
    expect(await outcome(send(ch(), partnerInboundTopic('DE')))).toBe(refusedTopic);
    expect(await outcome(readOne(ch(), partnerOutboundTopic('DE'), `partner.ch.sneak-${run_}`))).toBe(refusedTopic);
  });

  it('is refused writing its own outbound topic (a forged reply) and reading its own inbound topic', async () => {
    expect(await outcome(send(ch(), partnerOutboundTopic('CH')))).toBe(refusedTopic);
    expect(await outcome(readOne(ch(), partnerInboundTopic('CH'), `partner.ch.inbound-${run_}`))).toBe(refusedTopic);
  });

  it.each(INTERNAL)('is refused writing and reading %s', async (topic) => {
    expect(await outcome(send(ch(), topic))).toBe(refusedTopic);
    expect(await outcome(readOne(ch(), topic, `partner.ch.internal-${run_}`))).toBe(refusedTopic);
  });

  it("is refused joining a service's consumer group, even on its own outbound topic", async () => {
    for (const group of ['intake', 'verification', 'transfer', 'reintegration', 'partner.de.replies']) {
      expect(await outcome(findCoordinator(ch(), group))).toBe(refusedGroup);
      await expect(readOne(ch(), partnerOutboundTopic('CH'), group, 5000)).rejects.toThrow();
    }
    expect(await outcome(findCoordinator(ch(), `partner.ch.replies-${run_}`))).toBe('allowed');
  });

  it('cannot connect with a wrong password, nor without SASL', async () => {
    await expect(send(as(partnerUser('CH'), 'not-the-password-at-all'), partnerInboundTopic('CH'))).rejects.toThrow(/SASL|authenticat/i);
    const anonymous = new Kafka({
      clientId: 'anonymous',
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 3000,
      requestTimeout: 5000,
    });
    await expect(send(anonymous, partnerInboundTopic('CH'))).rejects.toThrow();
  });
});

describe('service principals', () => {
  it('write only the topics they own', async () => {
    await send(as(serviceUser('verification')), 'readmission.internal.case-decided.v1');
    await send(as(serviceUser('intake')), partnerOutboundTopic('DE'));
    expect(await outcome(send(as(serviceUser('reintegration')), 'readmission.internal.case-decided.v1'))).toBe(refusedTopic);
    expect(await outcome(send(as(serviceUser('verification')), partnerOutboundTopic('DE')))).toBe(refusedTopic);
    expect(await outcome(send(as(serviceUser('transfer')), REFERENCE_DATA_TOPIC))).toBe(refusedTopic);
    expect(await outcome(send(as(serviceUser('transfer')), 'readmission.internal.case-registered.v1'))).toBe(refusedTopic);
    expect(await outcome(send(as(serviceUser('intake')), 'readmission.internal.case-decided.v1'))).toBe(refusedTopic);
  });

  it('read their topics in their own group only', async () => {
    await send(admin(), 'readmission.internal.person-arrived.v1');
    expect(await readOne(as(serviceUser('reintegration')), 'readmission.internal.person-arrived.v1', 'reintegration')).toBeDefined();
    expect(await outcome(readOne(as(serviceUser('reintegration')), partnerInboundTopic('DE'), 'reintegration'))).toBe(refusedTopic);
    expect(await outcome(findCoordinator(as(serviceUser('verification')), 'intake'))).toBe(refusedGroup);
    expect(await outcome(findCoordinator(as(serviceUser('verification')), 'verification'))).toBe('allowed');
  });
});

describe('a service starting under its ACLs', () => {
  it('finds every topic the platform starts with (it may see them, not create them) and publishes idempotently', async () => {
    const reintegration = as(serviceUser('reintegration'));
    // What startService asks for: every internal topic, its dead-letter topic.
    const specs = [
      ...INTERNAL.map((topic) => ({ topic, partitions: TOPIC_PARTITIONS.internal })),
      { topic: deadLetterTopic('reintegration'), partitions: 1 },
    ];
    await ensureTopics(reintegration, specs);
    const producer = reintegration.producer({ idempotent: true, allowAutoTopicCreation: false, retry: { retries: 3 } });
    await producer.connect();
    await producer.send({ topic: deadLetterTopic('reintegration'), messages: [{ key: run_, value: '{}' }] });
    await producer.disconnect();
    expect(await outcome(ensureTopics(reintegration, [{ topic: `readmission.internal.not-there-${run_}.v1`, partitions: 1 }]))).toBe(
      refusedTopic,
    );
  });
});

describe('the monitoring principal', () => {
  it('reads what the lag exporter reads (topics, end offsets, groups and their offsets) and no record', async () => {
    await send(admin(), 'readmission.internal.person-arrived.v1');
    expect(await readOne(as(serviceUser('reintegration')), 'readmission.internal.person-arrived.v1', 'reintegration')).toBeDefined();
    const monitoring = as(MONITORING_USER).admin();
    await monitoring.connect();
    try {
      await monitoring.describeCluster();
      expect(await monitoring.listTopics()).toEqual(
        expect.arrayContaining(['readmission.internal.person-arrived.v1', partnerInboundTopic('DE')]),
      );
      expect((await monitoring.fetchTopicOffsets('readmission.internal.person-arrived.v1')).length).toBeGreaterThan(0);
      expect((await monitoring.listGroups()).groups.map((g) => g.groupId)).toContain('reintegration');
      expect((await monitoring.describeGroups(['reintegration'])).groups[0].groupId).toBe('reintegration');
      const offsets = await monitoring.fetchOffsets({ groupId: 'reintegration', topics: ['readmission.internal.person-arrived.v1'] });
      expect(offsets[0].partitions.some((p) => Number(p.offset) > 0)).toBe(true);
    } finally {
      await monitoring.disconnect();
    }
    expect(await outcome(readOne(as(MONITORING_USER), 'readmission.internal.person-arrived.v1', 'reintegration'))).not.toBe('allowed');
    expect(await outcome(send(as(MONITORING_USER), partnerInboundTopic('DE')))).toBe(refusedTopic);
  });
});

describe('npm run kafka:partner -- add', () => {
  it("creates a new partner's topics, principal and ACLs, idempotently, and the whole set keeps them", async () => {
    await addPartner(admin(), 'XQ', credentials); // (on a reused broker, XQ may be there from an earlier run)
    expect(await addPartner(admin(), 'XQ', credentials)).toMatchObject({ created: 0, deleted: 0 });
    await send(as(partnerUser('XQ')), partnerInboundTopic('XQ'));
    expect(await outcome(send(as(partnerUser('XQ')), partnerInboundTopic('CH')))).toBe(refusedTopic);
    // intake reads the new partner's inbound topic
    expect(await readOne(as(serviceUser('intake')), partnerInboundTopic('XQ'), 'intake')).toContain('"run"');
    expect(await applyAll(admin(), Object.keys(PARTNER_AGREEMENTS), credentials)).toMatchObject({ created: 0, deleted: 0 });
  });
});

describe('the partner tool with credentials', () => {
  const repo = join(__dirname, '..', '..', '..');
  const example = join(repo, 'tools', 'partner-cli', 'examples', 'application-national-passport.json');
  const partnerTool = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    promisify(execFile)(process.execPath, ['-r', './scripts/register-ts.js', 'tools/partner-cli/src/main.ts', ...args], {
      cwd: repo,
      env: { ...process.env, KAFKA_SASL_MECHANISM: '', KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '', ...env },
      timeout: 60_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('sends as partner CH with --username and --password-file, and never prints the password', async () => {
    const passwordFile = join(credentials, partnerUser('CH'));
    const result = await partnerTool([
      'send',
      '--partner',
      'CH',
      '--file',
      example,
      '--brokers',
      brokers.join(','),
      '--username',
      partnerUser('CH'),
      '--password-file',
      passwordFile,
    ]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout + result.stderr).not.toContain(readFileSync(passwordFile, 'utf8').trim());
  });

  it('sends as partner CH with the KAFKA_SASL_* variables', async () => {
    const password = readFileSync(join(credentials, partnerUser('CH')), 'utf8');
    const env = {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: partnerUser('CH'),
      KAFKA_SASL_PASSWORD: password,
    };
    expect(await partnerTool(['send', '--partner', 'CH', '--file', example], env)).toMatchObject({ code: 0 });
  });

  it("is refused DE's topic with CH's credentials, and any topic without credentials", async () => {
    const withCh = [
      '--brokers',
      brokers.join(','),
      '--username',
      partnerUser('CH'),
      '--password-file',
      join(credentials, partnerUser('CH')),
    ];
    expect((await partnerTool(['send', '--partner', 'DE', '--file', example, ...withCh])).code).not.toBe(0);
    expect((await partnerTool(['send', '--partner', 'CH', '--file', example, '--brokers', brokers.join(',')])).code).not.toBe(0);
  });
});

describe('the TLS listener (SASL_SSL, for clients reached over a network)', () => {
  const tlsBrokers = (process.env.SECURED_KAFKA_TLS_BROKERS ?? 'localhost:19094').split(',');
  const caFile = process.env.SECURED_KAFKA_CA_FILE as string;
  const repo = join(__dirname, '..', '..', '..');
  const example = join(repo, 'tools', 'partner-cli', 'examples', 'application-national-passport.json');
  /** A client with the TLS options the services and tools use (libs/messaging kafkaTlsOptions), without retries. */
  const overTls = (user: string, tls: { ssl?: boolean; caFile?: string }) =>
    new Kafka({
      clientId: `tls-test-${user}`,
      brokers: tlsBrokers,
      ssl: kafkaTlsOptions(tls.ssl, tls.caFile),
      sasl: { mechanism: 'scram-sha-512', username: user, password: readFileSync(join(credentials, user), 'utf8').trim() },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 5000,
      requestTimeout: 10000,
    });
  /** One attempt, no retries: the refusal shows at once. */
  const sendOnce = async (kafka: Kafka, topic: string) => {
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    try {
      await producer.connect();
      await producer.send({ topic, messages: [{ key: `k-${run_}`, value: '{}' }], acks: -1 });
    } finally {
      await producer.disconnect();
    }
  };

  it("partner CH sends an application with the partner tool and reads intake's reply, both over TLS", async () => {
    const id = `tls-${run_}-${randomBytes(4).toString('hex')}`;
    // The partner's side: the tool sends and then follows the outbound topic for the reply (TLS with --ca-file).
    const tool = promisify(execFile)(
      process.execPath,
      [
        ...['-r', './scripts/register-ts.js', 'tools/partner-cli/src/main.ts', 'send', '--partner', 'CH', '--file', example, '--id', id],
        ...['--brokers', tlsBrokers.join(','), '--username', partnerUser('CH'), '--password-file', join(credentials, partnerUser('CH'))],
        // The tool collects replies until the timeout: long enough for intake's group to join under load.
        ...['--ca-file', caFile, '--follow', '--timeout', '40'],
      ],
      { cwd: repo, env: { ...process.env, KAFKA_SASL_MECHANISM: '', KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '' }, timeout: 120_000 },
    );
    // The platform's side: intake's principal with a service's settings (PlatformSettings from the environment,
    // KAFKA_SSL_CA_FILE), over TLS, finds the application in intake's group and publishes the acknowledgement with
    // the services' publisher (EventPublisher) to CH's outbound topic.
    const intakeSettings = kafkaSettingsFrom(
      'intake',
      loadSettings(PlatformSettings, {
        AUTH_DEV_KEY_FILE: join(credentials, 'unused-dev-key.json'),
        KAFKA_BROKERS: tlsBrokers.join(','),
        KAFKA_SSL_CA_FILE: caFile,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: serviceUser('intake'),
        KAFKA_SASL_PASSWORD: readFileSync(join(credentials, serviceUser('intake')), 'utf8').trim(),
      }),
    );
    expect(intakeSettings.sslCaFile).toBe(caFile);
    const consumer = createKafka(intakeSettings).consumer({ groupId: 'intake', allowAutoTopicCreation: false });
    await consumer.connect();
    let received: { key: string; reference: string };
    try {
      await consumer.subscribe({ topics: [partnerInboundTopic('CH')], fromBeginning: true });
      received = await new Promise<{ key: string; reference: string }>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error));
        void consumer.run({
          eachMessage: async ({ message }) => {
            if (message.headers?.[CE.id]?.toString() !== id) return;
            const value = JSON.parse(message.value?.toString() ?? '{}') as { partnerReference: string };
            resolve({ key: message.key?.toString() ?? '', reference: value.partnerReference });
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    const reply = buildPartnerRecord({
      type: 'readmission.application.acknowledged.v1',
      value: {
        partnerReference: received.reference,
        caseNumber: 'RA-2026-000777',
        receivedAt: new Date().toISOString(),
        agreement: 'CH-AZ',
        procedure: 'normal',
        replyDueBy: new Date(Date.now() + 86_400_000).toISOString(),
      },
      key: received.key,
      source: 'urn:readmission:az:intake',
      headers: { [CE.causationId]: id },
    });
    const publisher = new EventPublisher(intakeSettings);
    try {
      await publisher.publish([{ topic: partnerOutboundTopic('CH'), ...reply }]);
    } finally {
      await publisher.onApplicationShutdown();
    }

    const { stdout } = await tool; // exit code 0: at least one reply arrived (a failure rejects with the tool's output)
    expect(stdout).toContain(id);
    expect(stdout).toContain('readmission.application.acknowledged.v1');
    expect(stdout).toContain('RA-2026-000777');
  }, 180_000);

  it('refuses a client that speaks no TLS to it, with valid credentials', async () => {
    const plain = overTls(partnerUser('CH'), {});
    await expect(sendOnce(plain, partnerInboundTopic('CH'))).rejects.toThrow(/connection|closed|timeout/i);
    // the same client with the right CA is let in
    await sendOnce(overTls(partnerUser('CH'), { caFile }), partnerInboundTopic('CH'));
  });

  it('refuses a client trusting another CA, and one that checks the certificate against another name', async () => {
    const otherCa = makeTestCa(mkdtempSync(join(credentials, 'other-ca-')), 'some other CA');
    await expect(sendOnce(overTls(partnerUser('CH'), { caFile: otherCa }), partnerInboundTopic('CH'))).rejects.toThrow(
      /self[- ]signed certificate|unable to (get|verify)/i,
    );
    // The system's trust store does not know the broker's private CA either.
    await expect(sendOnce(overTls(partnerUser('CH'), { ssl: true }), partnerInboundTopic('CH'))).rejects.toThrow(
      /self[- ]signed certificate|unable to (get|verify)/i,
    );
    // Server name verification: the right CA, but the certificate checked against a name it does not carry.
    const wrongName = new Kafka({
      clientId: 'tls-test-wrong-name',
      brokers: tlsBrokers,
      ssl: { ca: [readFileSync(caFile, 'utf8')], servername: 'kafka.partner.example' },
      sasl: {
        mechanism: 'scram-sha-512',
        username: partnerUser('CH'),
        password: readFileSync(join(credentials, partnerUser('CH')), 'utf8'),
      },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
    await expect(sendOnce(wrongName, partnerInboundTopic('CH'))).rejects.toThrow(/does not match certificate|altnames/i);
  });

  it('keeps the ACLs: CH over TLS is refused what it is refused on the loopback listener', async () => {
    expect(await outcome(send(overTls(partnerUser('CH'), { caFile }), partnerInboundTopic('DE')))).toBe(refusedTopic);
  });
});
