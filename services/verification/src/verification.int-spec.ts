import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CalendarYear, Rulebook, SHIPPED_CALENDARS, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { Role, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import {
  ApplicationSubmittedV1,
  ApplicationSupplementedV1,
  INTERNAL_EVENTS,
  REFERENCE_DATA_TOPIC,
  encodeInternalEvent,
} from '@readmission/contracts';
import { ManualClock, RunningService, startService } from '@readmission/platform';
import { referenceDataRecord } from '@readmission/reference-data';
import { Collector, ServiceTest, sweepUntilDone } from '@readmission/testing';
import { importRegistryRows } from './infrastructure/registry/registry-importer';
import { RegistryPersonRecord } from './infrastructure/registry/registry-person.schema';
import { ApplyCaseMessage } from './application/apply-case-message';
import { PurgePersonalData } from './application/purge-personal-data';
import { ReplyLimitsDueGauge } from './application/reply-limits-due-gauge';
import { SweepReplyTimeLimits } from './application/sweep-reply-time-limits';
import { VerificationCases } from './infrastructure/verification-cases.repository';
import { verificationSettingsForTest } from './settings';
import { verificationService } from './verification.app';

/**
 * Verification in this process with a clock the test moves, against the real broker and store: decisions from
 * evidence and registry, interviews, supplements and withdrawals, reply time limits, and two instances at once.
 */
const run = randomUUID().slice(0, 8);
/** Records before this run are other runs' (case numbers come from a block of 900 and can repeat across runs). */
const runStartedAt = Date.now();
const groupId = `it-${run}-verification`;
const database = `it-${run}-verification`;
/** Reference data of this run only (the service reads it instead of the shared topic). */
const referenceDataTopic = `it-${run}.reference-data`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'verification-it-')), 'dev-key.json');
const national: ApplicationSubmittedV1 = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
).value;
const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const REPLY = 'readmission.internal.partner-reply-requested.v1';

/** People in the built-in registry for this test (NDJSON rows, as an operator imports them). */
const REGISTRY = [
  {
    personalId: `AZ-${run}-1`,
    surname: 'Əliyeva',
    givenNames: 'Səbinə',
    patronymic: 'Rəşid qızı',
    sex: 'female',
    dateOfBirth: '1990-02-11',
    placeOfBirth: 'Bakı',
    documents: [{ type: 'identity-card', number: `AZE${run}1` }],
  },
  {
    personalId: `AZ-${run}-2`,
    surname: 'Hüseynov',
    givenNames: 'Orxan',
    sex: 'male',
    dateOfBirth: '1985-07-30',
    documents: [{ type: 'passport', number: `C9${run}` }],
  },
  // The registry records this person as not a citizen (citizenship renounced): positive contrary evidence.
  {
    personalId: `AZ-${run}-3`,
    surname: 'Vəliyev',
    givenNames: 'Rauf',
    sex: 'male',
    dateOfBirth: '1975-05-05',
    placeOfBirth: 'Şəki',
    citizenship: 'not-citizen',
  },
];
const AGREEMENTS = [
  ['EU-AZ', 'DE'],
  ['NO-AZ', 'NO'],
  ['CH-AZ', 'CH'],
  ['ME-AZ', 'ME'],
] as const;

let n = 0;
const caseNumber = () => `RA-2031-${String((Number.parseInt(run.slice(0, 4), 16) % 900) + 100)}${String(++n).padStart(3, '0')}`;

describe('verification against the real broker and store', () => {
  const clock = new ManualClock(new Date('2026-11-24T10:00:00+04:00'));
  const test = new ServiceTest(database);
  const { kafka, mongo } = test;
  let service: RunningService;
  let second: RunningService;
  let replies: Collector;

  // The service's own settings, validated as at boot: the test's database and key; the sweep runs by hand, with the clock.
  const settings = () =>
    verificationSettingsForTest({ MONGODB_DB: database, AUTH_DEV_KEY_FILE: devKeyFile, REFERENCE_DATA_REFRESH_MS: '0' });
  const server = { patternTopics: { [REFERENCE_DATA_TOPIC]: [referenceDataTopic] } };
  const register = async (
    partner: string,
    application: Partial<ApplicationSubmittedV1>,
    receivedAt = '2026-11-24T10:00:00+04:00',
    book: Rulebook = rulebook,
    number = caseNumber(),
  ) => {
    const applicable = book.applicableAgreement(partner, receivedAt.slice(0, 10));
    if (!applicable.applies) throw new Error(applicable.reason);
    const app = { ...national, partnerReference: `VT-${run}-${n}`, ...application } as ApplicationSubmittedV1;
    const due = new Date(new Date(receivedAt).getTime() + 15 * 86_400_000);
    const event = encodeInternalEvent(
      'readmission.internal.case-registered.v1',
      {
        caseNumber: number,
        partnerCode: partner,
        partnerReference: app.partnerReference,
        agreement: applicable.agreement.code,
        rulebookVersion: book.version,
        agreementRules: applicable.agreement,
        procedure: app.procedure,
        category: app.category,
        receivedAt,
        replyDueBy: `${due.toISOString().slice(0, 10)}T23:59:59+04:00`,
        application: app,
      },
      { id: randomUUID(), source: 'urn:test', time: receivedAt, subject: number, causationId: `in-${number}` },
    );
    await kafka.send(event.topic, [event]);
    return { number, event };
  };
  const repliesOf = async (number: string, messageType: string, count = 1) =>
    (
      await replies.waitFor(
        (r) =>
          r.key !== null &&
          String(r.headers?.ce_subject) === number &&
          replies.json<{ messageType: string }>(r).messageType === messageType,
        count,
      )
    ).map((r) => replies.json<{ payload: Record<string, unknown>; causationId?: string }>(r));
  const api = async (path: string, role: Role, init: RequestInit = {}, subject = `officer-${role}`) => {
    const token = await mintDevToken(devKeyFile, { subject, roles: [role] });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) };
    return fetch(`${service.url}${path}`, { ...init, headers });
  };
  const metrics = async () => (await fetch(`${service.url}/metrics`)).text();
  /** A case as the service reads it (its personal fields opened); `raw` is what the store holds. */
  const stored = async (number: string) =>
    (await service.app.get(VerificationCases).findById(number)) as unknown as ({ _id: string } & Record<string, unknown>) | null;
  const raw = (number: string) =>
    mongo.db(database).collection<{ _id: string } & Record<string, unknown>>('verification-cases').findOne({ _id: number });
  /** A supplement as intake routes it to verification (received at 10:00 on 25 Nov), under its message id. */
  const supplementOf = (number: string, partnerCode: string, messageId: string, supplement: ApplicationSupplementedV1) =>
    encodeInternalEvent(
      'readmission.internal.application-supplemented.v1',
      { caseNumber: number, partnerCode, messageId, receivedAt: '2026-11-25T10:00:00+04:00', supplement },
      { id: messageId, source: 'urn:test', time: '2026-11-25T06:00:00Z', subject: number },
    );
  /** How many decisions the store holds for a case (one at most: the decision is an insert-once). */
  const decisionsStored = (number: string) =>
    mongo
      .db(database)
      .collection('decisions')
      .countDocuments({ _id: number as never });
  /** The distinct reply ids of every decided message the partner received so far for a case (redeliveries share one). */
  const decidedReplyIds = (number: string) =>
    new Set(
      replies.records
        .filter(
          (r) =>
            String(r.headers?.ce_subject) === number &&
            replies.json<{ messageType: string }>(r).messageType === 'readmission.application.decided.v1',
        )
        .map((r) => replies.json<{ replyId: string }>(r).replyId),
    );

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    const internal = Object.keys(INTERNAL_EVENTS);
    await kafka.createTopics([...internal, referenceDataTopic]);
    await kafka.startGroupAtEnd(groupId, internal);
    replies = await kafka.collect([REPLY], { since: runStartedAt });
    service = await startService(verificationService(settings(), { groupId, server, logLevels: ['error', 'warn'] }, clock));
    const model = service.app.get<Model<RegistryPersonRecord>>(getModelToken(RegistryPersonRecord.name));
    await importRegistryRows(
      model,
      REGISTRY.map((p) => JSON.stringify(p)),
      { format: 'ndjson' },
    );
    await mongo.connect();
  }, 120_000);

  afterAll(() => test.close(second, service));

  it('accepts on proof: an original Azerbaijani passport, answering the application', async () => {
    const { number } = await register('DE', {});
    const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
    expect(decided.payload).toMatchObject({ caseNumber: number, decision: 'accepted', basis: 'proof', deemed: false });
    expect(decided.causationId).toBe(`in-${number}`);
    const doc = await stored(number);
    expect(doc).toMatchObject({ status: 'decided', assessment: { strongest: 'proof', establishedBy: [0] } });
    expect(await metrics()).toMatch(/verification_decisions_total\{partner="DE",decision="accepted",basis="proof",deemed="false"\} [1-9]/);
    // At rest the application, the assessment and the registry check are sealed (docs/security.md).
    const sealed = await raw(number);
    for (const field of ['application', 'assessment', 'registry']) expect(sealed?.[field]).toMatch(/^enc:1:/);
    expect(JSON.stringify(sealed)).not.toContain(national.person.surname);
  });

  const post = (path: string, body: unknown, subject: string) =>
    api(path, 'officer', { method: 'POST', body: JSON.stringify(body) }, subject);

  /** Officer A takes the refusal the rules propose; it takes effect only when officer B (not A) confirms it. */
  const refuseWithFourEyes = async (number: string) => {
    const proposal = (await stored(number))?.proposal as { action: string; grounds: string };
    expect(proposal.action).toBe('refuse');
    const first = await post(
      `/verification-cases/${number}/decision`,
      { decision: 'refused', basis: 'registry', grounds: proposal.grounds, reason: 'registry evidence checked' },
      'officer-a',
    );
    expect(await first.json()).toMatchObject({ decided: false, awaitingConfirmation: true });
    expect(await stored(number)).toMatchObject({
      status: 'awaiting-confirmation',
      pendingDecision: { decision: 'refused', kind: 'refusal', proposedBy: 'officer-a' },
    });
    expect(await decisionsStored(number)).toBe(0);
    const self = await post(`/verification-cases/${number}/confirmation`, { confirm: true, reason: 'my own' }, 'officer-a');
    expect(self.status).toBe(422);
    const waiting = (await (await api('/verification-cases/awaiting-confirmation', 'officer', {}, 'officer-b')).json()) as {
      caseNumber: string;
      replyDueBy: string;
      hoursLeft: number;
      pendingDecision: { proposedBy: string };
    }[];
    expect(waiting.find((w) => w.caseNumber === number)).toMatchObject({
      replyDueBy: expect.any(String),
      hoursLeft: expect.any(Number),
      pendingDecision: { proposedBy: 'officer-a' },
    });
    const second = await post(
      `/verification-cases/${number}/confirmation`,
      { confirm: true, reason: 'contrary evidence is sound' },
      'officer-b',
    );
    expect(await second.json()).toEqual({ decided: true });
    const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
    expect(await stored(number)).toMatchObject({
      status: 'decided',
      decision: { decision: 'refused', decidedBy: 'officer-b', firstOfficer: 'officer-a' },
    });
    const audit = (await (await api(`/audit-trail?subject=${number}`, 'auditor')).json()) as { actor: string; action: string }[];
    // Both entries carry the test clock's instant, so their order in the trail is not defined: compare as a set.
    expect(audit.map((a) => [a.actor, a.action]).sort()).toEqual([
      ['officer-a', 'refusal-awaiting-confirmation'],
      ['officer-b', 'refusal-confirmed'],
    ]);
    return decided.payload;
  };

  it.each(AGREEMENTS)(
    '%s: prima facie evidence whose document the registry holds for another person is proposed for refusal, which needs two officers; the grounds name the evidence and the rule',
    async (agreement, partner) => {
      const { number } = await register(partner, {
        evidence: [{ type: 'identity-card', form: 'copy', number: `AZE${run}1`, issuingCountry: 'AZ' }],
      });
      await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
      const payload = await refuseWithFourEyes(number);
      const rule = rulebook.agreement(agreement).evidence.national.primaFacie.source;
      expect(payload).toMatchObject({
        decision: 'refused',
        basis: 'registry',
        grounds: expect.stringContaining(`holds identity-card AZE${run}1 for another person`),
      });
      expect(payload.grounds).toContain(`Rule applied: ${agreement}, ${rule}`);
    },
  );

  it.each(AGREEMENTS)(
    '%s: prima facie evidence of a person the registry records as not a citizen is proposed for refusal naming that record',
    async (agreement, partner) => {
      const { number } = await register(partner, {
        person: { ...national.person, surname: 'Veliyev', givenNames: 'Rauf', dateOfBirth: '1975-05-05', placeOfBirth: 'Sheki' },
        evidence: [{ type: 'driving-licence', form: 'original', issuingCountry: 'AZ' }],
      });
      await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
      const payload = await refuseWithFourEyes(number);
      expect(payload.grounds).toMatch(new RegExp(`record AZ-${run}-3\\) and records that the person is not a citizen`));
      expect(payload.grounds).toContain(`Rule applied: ${agreement}`);
    },
  );

  it.each(AGREEMENTS)(
    '%s: prima facie evidence with an empty registry result is accepted on prima facie when the review window closes uncontested, before the reply time limit',
    async (agreement, partner) => {
      const { number } = await register(partner, {
        evidence: [{ type: 'passport', form: 'copy', number: `X-${agreement}`, issuingCountry: 'AZ' }],
        person: { ...national.person, surname: 'Nobody', givenNames: `Unknown ${agreement}`, dateOfBirth: '1960-01-01' },
      });
      await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
      const doc = await stored(number);
      // 10 calendar days from receipt on 24 Nov (rules.primaFacieReview); the reply falls due on 9 Dec.
      expect(doc).toMatchObject({
        proposal: {
          action: 'accept',
          basis: 'prima-facie',
          afterReview: true,
          reviewEndsBy: new Date('2026-12-04T23:59:59+04:00'),
          reviewRule: expect.stringContaining(agreement),
        },
      });
      const sweeps = service.app.get(SweepReplyTimeLimits);
      clock.set('2026-12-04T12:00:00+04:00');
      await sweeps.sweep();
      expect((await stored(number))?.status).toBe('awaiting-review'); // the window is still open
      clock.set('2026-12-05T00:00:10+04:00');
      expect((await sweeps.sweep()).primaFacie).toBeGreaterThanOrEqual(1);
      const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
      expect(decided.payload).toMatchObject({
        decision: 'accepted',
        basis: 'prima-facie',
        deemed: false,
        decidedAt: '2026-12-04T23:59:59+04:00',
      });
      expect(new Date(decided.payload.decidedAt as string).getTime()).toBeLessThan(
        new Date((doc?.replyDueBy as Date).toString()).getTime(),
      );
      expect((await sweeps.sweep()).primaFacie).toBe(0);
      const audit = (await (await api(`/audit-trail?subject=${number}`, 'auditor')).json()) as { action: string }[];
      expect(audit.filter((a) => a.action === 'accepted-prima-facie')).toHaveLength(1);
      clock.set('2026-11-24T10:00:00+04:00');
    },
  );

  it.each(AGREEMENTS)(
    '%s: a case registered under rulebook 2026.1 (no review window) keeps its version: prima facie evidence with an empty registry is proposed for acceptance and waits for an officer',
    async (agreement, partner) => {
      const first = Rulebook.from(SHIPPED_RULEBOOKS.find((r) => r.version === '2026.1')!);
      const { number } = await register(
        partner,
        {
          evidence: [{ type: 'passport', form: 'copy', number: `Y-${agreement}`, issuingCountry: 'AZ' }],
          person: { ...national.person, surname: 'Nobody', givenNames: `Older ${agreement}`, dateOfBirth: '1962-01-01' },
        },
        '2026-11-24T10:00:00+04:00',
        first,
      );
      await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
      const doc = await stored(number);
      expect(doc).toMatchObject({ rulebookVersion: '2026.1', proposal: { action: 'accept', basis: 'prima-facie' } });
      expect((doc?.proposal as { reviewEndsBy?: Date }).reviewEndsBy).toBeUndefined();
      // Past the day 2026.2's window would have closed, before the reply time limit: nothing is decided by the platform.
      const sweeps = service.app.get(SweepReplyTimeLimits);
      clock.set('2026-12-05T00:00:10+04:00');
      expect((await sweeps.sweep()).primaFacie).toBe(0);
      expect(await stored(number)).toMatchObject({ status: 'awaiting-review', rulebookVersion: '2026.1' });
      clock.set('2026-11-24T10:00:00+04:00');
      const accepted = await post(
        `/verification-cases/${number}/decision`,
        { decision: 'accepted', basis: 'prima-facie', reason: 'prima facie evidence, nothing to the contrary' },
        'officer-a',
      );
      expect(accepted.status).toBeLessThan(300);
      const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
      expect(decided.payload).toMatchObject({ decision: 'accepted', basis: 'prima-facie', deemed: false });
    },
  );

  it('an officer who contests an acceptance on prima facie evidence within the window stops the automatic acceptance; the refusal still needs a second officer, who may send it back', async () => {
    const { number } = await register('DE', {
      evidence: [{ type: 'birth-certificate', form: 'copy' }],
      person: { ...national.person, surname: 'Nobody', givenNames: 'Contested', dateOfBirth: '1961-01-01' },
    });
    await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
    const contest = await post(
      `/verification-cases/${number}/decision`,
      {
        decision: 'refused',
        basis: 'prima-facie',
        grounds: 'The birth certificate is a forgery (security features missing).',
        reason: 'document examiner report 17/2026',
      },
      'officer-a',
    );
    expect(await contest.json()).toMatchObject({ awaitingConfirmation: true });
    const sweeps = service.app.get(SweepReplyTimeLimits);
    clock.set('2026-12-05T00:00:10+04:00');
    await sweeps.sweep();
    expect(await stored(number)).toMatchObject({ status: 'awaiting-confirmation' });
    expect(await decisionsStored(number)).toBe(0);
    const back = await post(
      `/verification-cases/${number}/confirmation`,
      { confirm: false, reason: 'the examiner report is not conclusive' },
      'officer-b',
    );
    expect(await back.json()).toEqual({ decided: false });
    expect(await stored(number)).toMatchObject({ status: 'awaiting-review' });
    const audit = (await (await api(`/audit-trail?subject=${number}`, 'auditor')).json()) as { actor: string; action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['refusal-awaiting-confirmation', 'review-window-closed', 'decision-sent-back']),
    );
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('accepts prima facie evidence confirmed by the registry, whatever the transliteration', async () => {
    const { number } = await register('CH', {
      person: { ...national.person, surname: 'Aliyeva', givenNames: 'Sabina', sex: 'female', dateOfBirth: '1990-02-11' },
      evidence: [{ type: 'birth-certificate', form: 'copy' }],
    });
    const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
    expect(decided.payload).toMatchObject({ decision: 'accepted', basis: 'prima-facie' });
    const doc = await stored(number);
    expect((doc?.registry as { candidates: { personalId: string; verdict: string }[] }).candidates[0]).toMatchObject({
      personalId: `AZ-${run}-1`,
      verdict: 'match',
    });
  });

  it("writes each read of a case page (person and registry candidates) to the audit trail with who, when and why; a purpose is required beyond the officer's work; oversight reads and changes nothing", async () => {
    const { number } = await register('DE', {});
    await expectEventually(async () => (await stored(number)) !== null);
    const page = `/verification-cases/${number}`;
    const read = await api(page, 'officer', {}, 'officer-reader');
    expect(read.status).toBe(200);
    const candidates = ((await read.json()) as { registry?: { candidates: { personalId: string }[] } }).registry?.candidates ?? [];
    const missing = await api(page, 'auditor');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/purpose is required.*\?purpose=.*X-Purpose/);
    expect((await api(`${page}?purpose=annual%20audit%20sample`, 'auditor')).status).toBe(200);
    expect((await api(page, 'oversight', { headers: { 'x-purpose': 'parliamentary question 12' } })).status).toBe(200);
    expect((await api(`${page}/decision`, 'oversight', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await api(`/verification-cases/RA-1999-000000?purpose=x${'y'.repeat(5)}`, 'auditor')).status).toBe(404);

    const reads = (await (await api(`/audit-trail?subject=${number}&action=personal-data-read`, 'auditor')).json()) as {
      actor: string;
      roles: string[];
      at: string;
      reason: string;
      details: { record: string; records: string[]; purposeGiven: boolean };
    }[];
    // The test's clock stands still: the reads share one instant, so they are compared in the order of the readers' names.
    reads.sort((x, y) => x.actor.localeCompare(y.actor));
    expect(reads.map((r) => [r.actor, r.roles, r.reason, r.details.purposeGiven])).toEqual([
      ['officer-auditor', ['auditor'], 'annual audit sample', true],
      ['officer-oversight', ['oversight'], 'parliamentary question 12', true],
      ['officer-reader', ['officer'], 'verification', false],
    ]);
    expect(reads[2].details).toMatchObject({ record: 'verification-case', records: candidates.map((c) => c.personalId) });
    expect(reads.every((r) => new Date(r.at).getTime() === clock.now().getTime())).toBe(true);
    // The case page's own audit list stays about what was done.
    const again = (await (await api(page, 'officer')).json()) as { audit: { action: string }[] };
    expect(again.audit.map((e) => e.action)).not.toContain('personal-data-read');
  });

  it('schedules an interview without documents, and decides on the officer-recorded outcome (audited)', async () => {
    const { number } = await register('ME', {
      evidence: [],
      person: { ...national.person, surname: 'Qasımov', givenNames: 'Tural', dateOfBirth: '1994' },
    });
    const [scheduled] = await repliesOf(number, 'readmission.interview.scheduled.v1');
    // Tuesday 24 Nov 2026 + 7 Azerbaijani working days = Thursday 3 Dec.
    expect(scheduled.payload).toMatchObject({ caseNumber: number, at: '2026-12-03T10:00:00+04:00' });
    const queue = (await (await api('/verification-cases', 'officer')).json()) as { caseNumber: string; status: string }[];
    expect(queue).toEqual(expect.arrayContaining([expect.objectContaining({ caseNumber: number, status: 'awaiting-interview' })]));
    expect((await api(`/verification-cases/${number}/interview-outcome`, 'auditor', { method: 'POST', body: '{}' })).status).toBe(403);
    const outcome = await api(`/verification-cases/${number}/interview-outcome`, 'officer', {
      method: 'POST',
      body: JSON.stringify({ outcome: 'nationality-confirmed', notes: 'spoke Azerbaijani, knew Gəncə in detail' }),
    });
    expect(outcome.status).toBe(200);
    const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
    expect(decided.payload).toMatchObject({ decision: 'accepted', basis: 'interview' });
    const audit = (await (await api(`/audit-trail?subject=${number}`, 'auditor')).json()) as {
      actor: string;
      action: string;
      reason: string;
    }[];
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'officer-officer',
        action: 'interview-outcome-recorded',
        reason: expect.stringContaining('Azerbaijani'),
      }),
    ]);
    expect((await api(`/audit-trail`, 'officer')).status).toBe(403);
  });

  it('schedules interviews by the official calendar an operator loaded through intake (a reference-data version)', async () => {
    const shipped = SHIPPED_CALENDARS.find((c) => c.country === 'AZ' && c.year === 2026) as CalendarYear;
    const official = {
      ...shipped,
      status: 'official',
      source: `test calendar ${run}`,
      nonWorkingDays: [
        { date: '2026-11-25', name: 'test day off' },
        { date: '2026-11-26', name: 'test day off' },
      ],
    } as CalendarYear;
    const version = {
      kind: 'calendar' as const,
      key: 'AZ:2026',
      version: `it-${run}`,
      effectiveFrom: new Date(clock.now().getTime() - 3600_000),
      loadedAt: clock.now(),
      loadedBy: 'ops-test',
      data: official,
    };
    await kafka.send(referenceDataTopic, [referenceDataRecord(version, referenceDataTopic)]);
    const kept = { _id: `calendar:AZ:2026:it-${run}` as never };
    await expectEventually(async () => (await mongo.db(database).collection('reference-data').countDocuments(kept)) === 1);
    const { number } = await register('ME', {
      evidence: [],
      person: { ...national.person, surname: 'Babayev', givenNames: 'Emin', dateOfBirth: '1992' },
    });
    const [scheduled] = await repliesOf(number, 'readmission.interview.scheduled.v1');
    // 25 and 26 Nov are days off in the loaded calendar (and 2026's shipped holidays are gone with it): 7 working days from Tuesday 24 Nov now end on Monday 7 Dec (3 Dec without it).
    expect(scheduled.payload).toMatchObject({ at: '2026-12-07T10:00:00+04:00' });
    expect(((await stored(number))?.interview as { deadline: { calendarBasis: string[] } }).deadline.calendarBasis.join(' ')).toContain(
      `test calendar ${run}`,
    );
    await mongo.db(database).collection('reference-data').deleteOne(kept); // the shipped calendar again for the other tests (re-read at once)
  });

  it('contests a proof document the registry holds for another person: interview, not acceptance', async () => {
    const { number } = await register('DE', {
      evidence: [{ type: 'passport', form: 'original', number: `C9${run}`, issuingCountry: 'AZ', expiresOn: '2030-01-01' }],
    });
    await repliesOf(number, 'readmission.interview.scheduled.v1');
    const doc = await stored(number);
    expect(doc).toMatchObject({
      status: 'awaiting-interview',
      registry: { contestedDocuments: [expect.objectContaining({ number: `C9${run}`, heldBy: [`AZ-${run}-2`] })] },
    });
  });

  it('runs the checks again on a supplement, and a withdrawal closes an undecided case', async () => {
    const { number } = await register('DE', {
      evidence: [],
      interviewRequested: false,
      person: { ...national.person, surname: 'Nəbiyev', givenNames: 'Kamran', dateOfBirth: '1979-01-01' },
    });
    await repliesOf(number, 'readmission.interview.scheduled.v1');
    const supplement = supplementOf(number, 'DE', `sup-${number}`, {
      partnerReference: `VT-${run}-x`,
      evidence: [{ type: 'identity-card', form: 'original', issuingCountry: 'AZ', number: 'AZE1', expiresOn: '2030-01-01' }],
    });
    await kafka.send(supplement.topic, [supplement, supplement]); // redelivered: applied once
    const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
    expect(decided.payload).toMatchObject({ decision: 'accepted', basis: 'proof' });
    expect(((await stored(number))?.appliedIds as string[]).filter((id) => id === `sup-${number}`)).toHaveLength(1);

    const other = await register('DE', {
      evidence: [],
      person: { ...national.person, surname: 'Rzayev', givenNames: 'Elnur', dateOfBirth: '1988-03-03' },
    });
    await repliesOf(other.number, 'readmission.interview.scheduled.v1');
    const withdrawn = encodeInternalEvent(
      'readmission.internal.application-withdrawn.v1',
      {
        caseNumber: other.number,
        partnerCode: 'DE',
        messageId: `wd-${other.number}`,
        receivedAt: '2026-11-25T10:00:00+04:00',
        withdrawal: { partnerReference: `VT-${run}-y`, reason: 'left voluntarily' },
      },
      { id: `wd-${other.number}`, source: 'urn:test', time: '2026-11-25T06:00:00Z', subject: other.number },
    );
    await kafka.send(withdrawn.topic, [withdrawn]);
    await expectEventually(async () => (await stored(other.number))?.status === 'withdrawn');
  });

  it.each(AGREEMENTS)(
    '%s: answers a withdrawal at each stage: closed before the decision, the acceptance lapses after one (transfer told), nothing changes after a refusal',
    async (agreement, partner) => {
      const withdraw = async (number: string) => {
        const e = encodeInternalEvent(
          'readmission.internal.application-withdrawn.v1',
          {
            caseNumber: number,
            partnerCode: partner,
            messageId: `wd-${number}`,
            receivedAt: '2026-11-25T10:00:00+04:00',
            withdrawal: { partnerReference: `VT-${run}-w`, reason: 'the person left voluntarily' },
          },
          { id: `wdi-${number}`, source: 'urn:test', time: '2026-11-25T06:00:00Z', subject: number },
        );
        await kafka.send(e.topic, [e, e]); // redelivered: applied once
      };
      const lapsed = await kafka.collect(['readmission.internal.acceptance-lapsed.v1'], { since: runStartedAt });
      // Before the decision (awaiting its interview).
      const open = await register(partner, {
        evidence: [],
        person: { ...national.person, surname: 'Quliyev', givenNames: `Anar ${agreement}`, dateOfBirth: '1970-01-01' },
      });
      await repliesOf(open.number, 'readmission.interview.scheduled.v1');
      await withdraw(open.number);
      const [closed] = await repliesOf(open.number, 'readmission.application.withdrawal-confirmed.v1');
      expect(closed.payload).toMatchObject({
        caseNumber: open.number,
        stage: 'before-decision',
        effect: expect.stringContaining('case is closed'),
        cancelledDocuments: [],
        withdrawnAt: '2026-11-25T10:00:00+04:00',
      });
      expect(closed.causationId).toBe(`wd-${open.number}`);
      expect(await stored(open.number)).toMatchObject({ status: 'withdrawn' });
      // After an acceptance: transfer is told, and answers the partner with the documents it cancelled.
      const accepted = await register(partner, {});
      await repliesOf(accepted.number, 'readmission.application.decided.v1');
      await withdraw(accepted.number);
      const [event] = await lapsed.waitFor((r) => r.key?.toString() === accepted.number);
      expect(lapsed.json(event)).toMatchObject({
        caseNumber: accepted.number,
        partnerCode: partner,
        reason: 'the person left voluntarily',
        withdrawnAt: '2026-11-25T10:00:00+04:00',
      });
      expect(await stored(accepted.number)).toMatchObject({ status: 'decided', decision: { decision: 'accepted' } });
      // After a refusal (two officers), the withdrawal changes nothing.
      const refused = await register(partner, {
        evidence: [{ type: 'identity-card', form: 'copy', number: `AZE${run}1`, issuingCountry: 'AZ' }],
      });
      await expectEventually(async () => (await stored(refused.number))?.status === 'awaiting-review');
      await refuseWithFourEyes(refused.number);
      await withdraw(refused.number);
      const [after] = await repliesOf(refused.number, 'readmission.application.withdrawal-confirmed.v1');
      expect(after.payload).toMatchObject({ stage: 'after-refusal' });
      await new Promise((r) => setTimeout(r, 1000));
      expect(lapsed.records.filter((r) => r.key?.toString() === accepted.number)).toHaveLength(1);
    },
  );

  /** A supplement or withdrawal as intake routes it (a registered case, received at 10:00 on 25 Nov). */
  const caseMessage = (kind: 'supplement' | 'withdrawal', number: string, partnerReference: string, over: object = {}) =>
    kind === 'supplement'
      ? supplementOf(number, 'DE', `early-sup-${number}`, { partnerReference, ...over })
      : encodeInternalEvent(
          'readmission.internal.application-withdrawn.v1',
          {
            caseNumber: number,
            partnerCode: 'DE',
            messageId: `early-wd-${number}`,
            receivedAt: '2026-11-25T10:00:00+04:00',
            withdrawal: { partnerReference, reason: 'the person left voluntarily' },
          },
          { id: `early-wd-${number}`, source: 'urn:test', time: '2026-11-25T06:00:00Z', subject: number },
        );
  /** Sends a message and waits until verification has handled it (its inbox delivery is done). */
  const handled = async (consumer: string, event: ReturnType<typeof caseMessage>) => {
    await kafka.send(event.topic, [event, event]); // redelivered: kept once
    const inbox = mongo.db(database).collection<{ _id: string; state?: string }>('inbox');
    const id = JSON.parse(event.value).messageId as string;
    await expectEventually(async () => (await inbox.findOne({ _id: `${consumer}:${id}` }))?.state === 'done');
  };

  it('keeps a supplement or withdrawal that arrives before its case and applies it, once, when the case arrives', async () => {
    // A supplement with an original identity card, before a case that has no evidence: the case is then decided on proof.
    const early = caseNumber();
    const reference = `VT-${run}-early-sup`;
    const supplement = caseMessage('supplement', early, reference, {
      evidence: [{ type: 'identity-card', form: 'original', issuingCountry: 'AZ', number: 'AZE7', expiresOn: '2030-01-01' }],
    });
    await handled('verification.application-supplemented', supplement);
    await register('DE', { evidence: [], partnerReference: reference }, '2026-11-24T10:00:00+04:00', rulebook, early);
    const [decided] = await repliesOf(early, 'readmission.application.decided.v1');
    expect(decided.payload).toMatchObject({ decision: 'accepted', basis: 'proof' });
    expect(((await stored(early))?.appliedIds as string[]).filter((id) => id === `early-sup-${early}`)).toHaveLength(1);
    await expectEventually(
      async () => (await mongo.db(database).collection('waiting-messages').findOne({ subject: early }))?.state === 'applied',
    );

    // A withdrawal before a case that would be accepted at once: the case is closed before any decision.
    const withdrawnEarly = caseNumber();
    const withdrawnReference = `VT-${run}-early-wd`;
    await handled('verification.application-withdrawn', caseMessage('withdrawal', withdrawnEarly, withdrawnReference));
    await register('DE', { partnerReference: withdrawnReference }, '2026-11-24T10:00:00+04:00', rulebook, withdrawnEarly);
    const [confirmed] = await repliesOf(withdrawnEarly, 'readmission.application.withdrawal-confirmed.v1');
    expect(confirmed.payload).toMatchObject({ stage: 'before-decision', partnerReference: withdrawnReference });
    expect(await stored(withdrawnEarly)).toMatchObject({ status: 'withdrawn' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(replies.records.filter((r) => String(r.headers?.ce_subject) === withdrawnEarly)).toHaveLength(1); // no decision
  });

  it('resumes a waiting supplement whose application crashed before it was settled: applied once, never answered', async () => {
    clock.set('2026-11-25T10:00:00+04:00');
    const crashed = caseNumber();
    const reference = `VT-${run}-crashed`;
    await handled('verification.application-supplemented', caseMessage('supplement', crashed, reference, { note: 'more' }));
    await register('DE', { evidence: [], partnerReference: reference }, '2026-11-24T10:00:00+04:00', rulebook, crashed);
    const waitingMessages = mongo.db(database).collection<{ _id: string; state: string }>('waiting-messages');
    await expectEventually(async () => (await waitingMessages.findOne({ subject: crashed } as never))?.state === 'applied');
    // The process died after the supplement was applied to the case, before the waiting message was settled.
    const id = `verification.application-supplemented:early-sup-${crashed}`;
    await waitingMessages.updateOne({ _id: id }, { $set: { state: 'waiting' } });
    clock.set(new Date(Date.parse('2026-11-25T10:00:00+04:00') + settings().CASE_MESSAGE_WAIT_MS + 1000));
    const swept = await service.app.get(ApplyCaseMessage).sweep();
    clock.set('2026-11-24T10:00:00+04:00');
    expect(swept.answered).toBe(0); // its case is there: it is settled as applied, the partner is not told otherwise
    expect(await waitingMessages.findOne({ _id: id })).toMatchObject({ state: 'applied' });
    expect(((await stored(crashed))?.appliedIds as string[]).filter((x) => x === `early-sup-${crashed}`)).toHaveLength(1);
    expect(
      replies.records.filter(
        (r) => r.key?.toString() === reference && replies.json<{ messageType: string }>(r).messageType.includes('rejected'),
      ),
    ).toHaveLength(0);
  });

  it('answers every withdrawal, also a second one of a case already withdrawn', async () => {
    const { number } = await register('DE', {
      evidence: [],
      person: { ...national.person, surname: 'Səfərov', givenNames: 'Tural', dateOfBirth: '1981-04-04' },
    });
    await repliesOf(number, 'readmission.interview.scheduled.v1');
    const first = caseMessage('withdrawal', number, `VT-${run}-twice`);
    await kafka.send(first.topic, [first]);
    await repliesOf(number, 'readmission.application.withdrawal-confirmed.v1');
    const again = encodeInternalEvent(
      'readmission.internal.application-withdrawn.v1',
      { ...JSON.parse(first.value), messageId: `again-${number}` },
      { id: `again-${number}`, source: 'urn:test', time: '2026-11-25T07:00:00Z', subject: number },
    );
    await kafka.send(again.topic, [again, again]);
    const answers = await repliesOf(number, 'readmission.application.withdrawal-confirmed.v1', 2);
    expect(answers[1].causationId).toBe(`again-${number}`);
    expect(answers[1].payload).toMatchObject({ stage: 'before-decision', effect: expect.stringContaining('already withdrawn') });
    expect(await stored(number)).toMatchObject({ status: 'withdrawn' });
  });

  it('answers the partner unknown-reference when the case of a waiting supplement does not arrive within the wait, once', async () => {
    const never = caseNumber();
    const reference = `VT-${run}-never`;
    clock.set('2026-11-25T10:00:00+04:00'); // verification receives it now and waits from now
    await handled('verification.application-supplemented', caseMessage('supplement', never, reference, { note: 'more' }));
    const waiting = service.app.get(ApplyCaseMessage);
    expect(await waiting.sweep()).toEqual({ applied: 0, answered: 0 }); // still within the wait
    clock.set(new Date(Date.parse('2026-11-25T10:00:00+04:00') + settings().CASE_MESSAGE_WAIT_MS + 1000));
    const swept = await Promise.all([waiting.sweep(), waiting.sweep()]); // two sweeps at once answer once
    expect(swept.reduce((sum, s) => sum + s.answered, 0)).toBe(1);
    clock.set('2026-11-24T10:00:00+04:00');
    const [answer] = await replies.waitFor((r) => r.key?.toString() === reference);
    expect(replies.json(answer)).toMatchObject({
      messageType: 'readmission.application.rejected.v1',
      partnerCode: 'DE',
      recordKey: reference,
      causationId: `early-sup-${never}`,
      payload: {
        partnerReference: reference,
        reasons: [{ code: 'unknown-reference', field: '$.partnerReference', message: expect.stringContaining(never) }],
      },
    });
    await new Promise((r) => setTimeout(r, 1000));
    // One reply (the outbox may publish it again, the same message: intake sends once per replyId).
    const ids = replies.records.filter((r) => r.key?.toString() === reference).map((r) => replies.json<{ replyId: string }>(r).replyId);
    expect(new Set(ids).size).toBe(1);
    expect(await mongo.db(database).collection('waiting-messages').findOne({ subject: never })).toMatchObject({ state: 'answered' });
  });

  it('schedules an interview when a supplement makes the evidence contested (a proof document the registry holds for another person)', async () => {
    const { number } = await register('NO', { evidence: [{ type: 'passport', form: 'copy', number: 'X2', issuingCountry: 'AZ' }] });
    await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
    const supplement = supplementOf(number, 'NO', `sup-${number}`, {
      partnerReference: `VT-${run}-z`,
      evidence: [{ type: 'passport', form: 'original', number: `C9${run}`, issuingCountry: 'AZ', expiresOn: '2030-01-01' }],
    });
    await kafka.send(supplement.topic, [supplement]);
    const [scheduled] = await repliesOf(number, 'readmission.interview.scheduled.v1');
    expect(scheduled.payload).toMatchObject({ caseNumber: number });
    const doc = await stored(number);
    expect(doc).toMatchObject({
      status: 'awaiting-interview',
      interview: { requestedBy: 'platform' },
      registry: { contestedDocuments: [expect.objectContaining({ number: `C9${run}` })] },
    });
    expect((doc?.history as { event: string }[]).map((e) => e.event)).toEqual(['opened', 'supplemented', 'interview-scheduled']);
  });

  it('opens a redelivered registration once and decides it once', async () => {
    const { number, event } = await register('NO', {});
    await kafka.send(event.topic, [event]);
    await repliesOf(number, 'readmission.application.decided.v1');
    await new Promise((r) => setTimeout(r, 1500));
    // The relay may publish a pending outbox again after a crash; ids stay the same, so the partner sees one message.
    expect(decidedReplyIds(number).size).toBe(1);
    expect(await decisionsStored(number)).toBe(1);
  });

  it('alerts before the reply falls due, extends within the maximum, then deems acceptance (EU) — one decision with two instances sweeping', async () => {
    // A case that stays open (awaiting its interview), so that the reply time limit itself decides.
    const { number } = await register('DE', {
      evidence: [],
      person: { ...national.person, surname: 'Aliyeva', givenNames: 'Sabina', sex: 'male', dateOfBirth: '1990-02-11' },
    });
    await expectEventually(async () => (await stored(number))?.status === 'awaiting-interview');
    const deadlines = service.app.get(SweepReplyTimeLimits);
    clock.set('2026-12-07T12:00:00+04:00'); // 60 h before 9 Dec 23:59:59
    expect((await deadlines.sweep()).alerts).toBeGreaterThanOrEqual(1);
    expect((await stored(number))?.alertsRaised).toEqual([72]);
    expect((await deadlines.sweep()).alerts).toBe(0); // raised once

    expect(
      (
        await api(`/verification-cases/${number}/extension`, 'officer', {
          method: 'POST',
          body: JSON.stringify({ days: 7, reason: 'registry archive consulted' }),
        })
      ).status,
    ).toBe(422); // beyond the agreement's maximum: a rule broken
    const extended = await api(`/verification-cases/${number}/extension`, 'officer', {
      method: 'POST',
      body: JSON.stringify({ days: 6, reason: 'registry archive consulted' }),
    });
    expect(await extended.json()).toEqual({ caseNumber: number, replyDueBy: '2026-12-15T23:59:59+04:00' });
    const [notice] = await repliesOf(number, 'readmission.reply.extended.v1');
    expect(notice.payload).toMatchObject({ replyDueBy: '2026-12-15T23:59:59+04:00', reason: 'registry archive consulted' });

    second = await startService(verificationService(settings(), { groupId, server, logLevels: ['error', 'warn'] }, clock));
    clock.set('2026-12-16T00:00:01+04:00');
    const results = await Promise.all([deadlines.sweep(), second.app.get(SweepReplyTimeLimits).sweep(), deadlines.sweep()]);
    expect(results.reduce((sum, r) => sum + r.deemed, 0)).toBeGreaterThanOrEqual(1);
    const [decided] = await repliesOf(number, 'readmission.application.decided.v1');
    // Deemed agreed when the (extended) reply time limit passed, not whenever a sweep noticed it.
    expect(decided.payload).toMatchObject({ decision: 'accepted', deemed: true, decidedAt: '2026-12-15T23:59:59+04:00' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(decidedReplyIds(number).size).toBe(1);
    expect(await decisionsStored(number)).toBe(1);
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('refuses a third-country national found to have been only in airside transit, on the officer’s recorded finding', async () => {
    const { number } = await register('ME', {
      category: 'third-country-national',
      evidence: [{ type: 'passenger-list', form: 'copy' }],
      person: { ...national.person, nationality: 'IR' },
      knowledgeDate: '2026-11-01',
    });
    // Annex 4 prima facie evidence: accepted at once unless the obligation is excluded; so take a case still open.
    await repliesOf(number, 'readmission.application.decided.v1');
    const open = await register('ME', {
      category: 'stateless',
      evidence: [],
      person: { ...national.person, nationality: 'unknown' },
      knowledgeDate: '2026-11-01',
    });
    await expectEventually(async () => (await stored(open.number))?.status === 'awaiting-review');
    const res = await api(`/verification-cases/${open.number}/findings`, 'officer', {
      method: 'POST',
      body: JSON.stringify({ airsideTransitOnly: true, reason: 'boarding passes show a GYD transfer without entry' }),
    });
    expect(res.status).toBe(200);
    // The refusal the finding calls for needs two officers.
    const grounds = ((await stored(open.number))?.proposal as { grounds: string }).grounds;
    expect(grounds).toContain(
      `Rule applied: ME-AZ, ${rulebook.agreement('ME-AZ').evidence.thirdCountNational.airsideTransitExcluded.source}`,
    );
    await post(
      `/verification-cases/${open.number}/decision`,
      { decision: 'refused', basis: 'prima-facie', grounds, reason: 'finding recorded' },
      'officer-a',
    );
    await post(`/verification-cases/${open.number}/confirmation`, { confirm: true, reason: 'boarding passes checked' }, 'officer-b');
    const [decided] = await repliesOf(open.number, 'readmission.application.decided.v1');
    expect(decided.payload).toMatchObject({ decision: 'refused', grounds: expect.stringMatching(/airside transit/i) });
  });

  it('marks a Swiss reply overdue and escalates it: no tacit acceptance under CH-AZ', async () => {
    const { number } = await register('CH', {
      evidence: [],
      category: 'stateless',
      person: { ...national.person, nationality: 'unknown' },
      knowledgeDate: '2026-11-01',
    });
    await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
    // A day before its reply time limit, the case counts among the Swiss limits falling due in the next 72 hours.
    const dayBefore = new Date(new Date((await stored(number))!.replyDueBy as Date).getTime() - 24 * 3600_000);
    clock.set(dayBefore);
    const dueSoon = service.app.get(ReplyLimitsDueGauge);
    const swissDue = (await dueSoon.refresh()).get('CH') ?? 0;
    expect(swissDue).toBeGreaterThanOrEqual(1);
    expect(await metrics()).toContain(`verification_reply_limits_due_72h{partner="CH"} ${swissDue}`);
    clock.set('2026-12-10T00:00:01+04:00');
    const result = await service.app.get(SweepReplyTimeLimits).sweep();
    expect(result.overdue).toBeGreaterThanOrEqual(1);
    expect(await stored(number)).toMatchObject({ status: 'overdue', escalated: true });
    // Counted per partner; escalated, it no longer counts as falling due.
    expect(await metrics()).toMatch(/verification_replies_overdue_total\{partner="CH"\} [1-9]/);
    expect(await decisionsStored(number)).toBe(0);
    const queue = (await (await api('/verification-cases', 'officer')).json()) as { caseNumber: string; alert: string }[];
    expect(queue.find((c) => c.caseNumber === number)?.alert).toBe('overdue');
    const late = await api(`/verification-cases/${number}/extension`, 'officer', {
      method: 'POST',
      body: JSON.stringify({ days: 3, reason: 'asked too late' }),
    });
    expect(late.status).toBe(409);
    clock.set(dayBefore);
    expect((await dueSoon.refresh()).get('CH') ?? 0).toBeLessThan(swissDue);
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('resumes a reply time-limit event whose run crashed between its claim and its effect: escalated once, audited once', async () => {
    const { number } = await register('CH', {
      evidence: [],
      category: 'stateless',
      person: { ...national.person, nationality: 'unknown' },
      knowledgeDate: '2026-11-01',
    });
    await expectEventually(async () => (await stored(number))?.status === 'awaiting-review');
    clock.set('2026-12-10T00:10:00+04:00');
    const dueBy = (await stored(number))?.replyDueBy as Date;
    const eventId = `${number}:overdue:${dueBy.toISOString()}`;
    // A sweep claimed the event ten minutes ago, and its process died before acting.
    const claimedAt = new Date(clock.now().getTime() - 600_000);
    await mongo
      .db(database)
      .collection('deadline-events')
      .insertOne({
        _id: eventId,
        subject: number,
        limit: 'reply',
        event: 'overdue',
        dueBy,
        state: 'claimed',
        claimedAt,
        attempts: 1,
      } as never);
    const sweeps = service.app.get(SweepReplyTimeLimits);
    expect((await sweeps.sweep()).overdue).toBeGreaterThanOrEqual(1);
    expect((await sweeps.sweep()).overdue).toBe(0);
    const doc = await stored(number);
    expect(doc).toMatchObject({ status: 'overdue', escalated: true, replyLimitHandled: true });
    expect((doc?.history as { event: string }[]).filter((e) => e.event === 'overdue')).toHaveLength(1);
    expect(
      await mongo
        .db(database)
        .collection('deadline-events')
        .findOne({ _id: eventId as never }),
    ).toMatchObject({ state: 'done' });
    const audit = (await (await api(`/audit-trail?subject=${number}`, 'auditor')).json()) as { action: string }[];
    expect(audit.filter((a) => a.action === 'reply-overdue-escalated')).toHaveLength(1);
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('serves the work queue a page at a time with filters: name in any spelling, partner, agreement, alert, case number, reference', async () => {
    // A surname of this run only: four letters from the run's id (its digits as letters too; a run id without letters
    // once left the plain fixture surname, which other tests' people share).
    const surname = `Məmmədov${run.slice(0, 4).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;
    const people = [
      ['ME', { surname, givenNames: 'Elçin' }],
      ['ME', { surname: 'Hüseynli', givenNames: 'Elçin' }],
      ['NO', { surname, givenNames: 'Vüsal' }],
    ] as const;
    const numbers: string[] = [];
    for (const [partner, name] of people) {
      const { number } = await register(partner, { evidence: [], person: { ...national.person, ...name, dateOfBirth: '1994' } });
      await expectEventually(async () => (await stored(number))?.status === 'awaiting-interview');
      numbers.push(number);
    }
    type Page = {
      items: { caseNumber: string; person: { surname: string }; alert: string }[];
      total: number;
      page: number;
      pageSize: number;
    };
    const queue = async (query: string) => {
      const res = await api(`/verification-cases/queue?${query}`, 'officer');
      expect(res.status).toBe(200);
      return (await res.json()) as Page;
    };
    // Another spelling of the surname (no Azerbaijani letters, Russian -ov ending), then with a given name too.
    const typed = surname.replace('Məmmədov', 'Mamedov');
    expect((await queue(`name=${encodeURIComponent(typed)}`)).items.map((c) => c.caseNumber).sort()).toEqual(
      [numbers[0], numbers[2]].sort(),
    );
    expect((await queue(`name=${encodeURIComponent(`${typed} Elchin`)}`)).items.map((c) => c.caseNumber)).toEqual([numbers[0]]);
    expect((await queue(`name=${encodeURIComponent(typed)}&partner=NO`)).items.map((c) => c.caseNumber)).toEqual([numbers[2]]);
    expect((await queue(`name=${encodeURIComponent(typed)}&agreement=ME-AZ`)).items.map((c) => c.caseNumber)).toEqual([numbers[0]]);
    const first = await queue(`name=${encodeURIComponent(typed)}&pageSize=1`);
    const second = await queue(`name=${encodeURIComponent(typed)}&pageSize=1&page=2`);
    expect([first.total, first.items.length, second.items.length]).toEqual([2, 1, 1]);
    expect(first.items[0].caseNumber).not.toBe(second.items[0].caseNumber);
    expect((await queue(`caseNumber=${numbers[1]}`)).items).toEqual([
      expect.objectContaining({ caseNumber: numbers[1], person: { surname: 'Hüseynli', givenNames: 'Elçin' } }),
    ]);
    const reference = (await stored(numbers[1]))?.partnerReference as string;
    // Received now, the reply falls due in 15 days: no alert yet.
    expect((await queue(`partnerReference=${reference}&alert=none`)).items.map((c) => [c.caseNumber, c.alert])).toEqual([
      [numbers[1], 'none'],
    ]);
    expect((await queue(`partnerReference=${reference}&alert=24h`)).total).toBe(0);
    const unknown = await api('/verification-cases/queue?alert=48h', 'officer');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ details: [{ path: '$.alert' }] });
    expect((await api('/verification-cases/queue?pageSize=500', 'officer')).status).toBe(400);
  });
  // Last: it moves the clock years on.
  it('anonymises decided cases after their retention period: the store holds no person, counts intact, a held case untouched, each purge audited', async () => {
    const decide = async () => {
      const { number } = await register('DE', {});
      await repliesOf(number, 'readmission.application.decided.v1');
      return number;
    };
    const purged = await decide();
    const held = await decide();
    const admin = (path: string, reason: string) =>
      api(path, 'admin', { method: path.endsWith('/lift') ? 'POST' : 'PUT', body: JSON.stringify({ reason }) });
    expect((await admin(`/legal-holds/${held}`, 'court case 4/2030')).status).toBe(200);
    const counts = async () => {
      const total = async (query: string) =>
        ((await (await api(`/verification-cases/queue?${query}`, 'officer')).json()) as { total: number }).total;
      return { decided: await total('status=decided&partner=DE'), withdrawn: await total('status=withdrawn&partner=DE') };
    };
    const purge = service.app.get(PurgePersonalData);
    const sweepAll = async () => (await sweepUntilDone(() => purge.sweep()))['closed-verification-cases'];
    expect(await purge.sweep()).toEqual([{ kind: 'closed-verification-cases', purged: 0, held: 0 }]);
    const before = await counts();
    clock.set('2033-06-01T10:00:00+04:00'); // more than five years after every decision of this run
    expect(await sweepAll()).toMatchObject({ purged: expect.any(Number), held: 1 });

    // The raw store: no application, registry check, assessment, name keys or history details; the decision stays.
    const gone = await raw(purged);
    expect(gone).toMatchObject({ status: 'decided', partnerCode: 'DE', nameKeys: [], purgedAt: expect.any(Date) });
    expect(gone?.decision).toMatchObject({ decision: 'accepted', basis: 'proof', deemed: false });
    for (const field of ['registry', 'assessment', 'findings', 'proposal']) expect(gone).not.toHaveProperty(field);
    expect((gone!.history as Record<string, unknown>[]).every((h) => !('details' in h))).toBe(true);
    expect(await stored(purged)).toMatchObject({ application: {} });
    expect(JSON.stringify(await stored(purged))).not.toContain(national.person.surname);
    // The held case keeps its person; the counts are the same; the purge and the hold are in the audit trail.
    expect(((await stored(held))?.application as ApplicationSubmittedV1).person.surname).toBe(national.person.surname);
    expect(await raw(held)).not.toHaveProperty('purgedAt');
    expect(await counts()).toEqual(before);
    const trail = async (subject: string) =>
      (await (await api(`/audit-trail?subject=${subject}`, 'auditor')).json()) as { action: string; details?: object }[];
    expect((await trail(purged)).filter((e) => e.action === 'personal-data-purged')).toEqual([
      expect.objectContaining({ details: { kind: 'closed-verification-cases', record: purged } }),
    ]);
    expect((await trail(held)).map((e) => e.action)).toEqual(['legal-hold-placed']);
    const page = await api(`/verification-cases/${purged}`, 'officer');
    expect(page.status).toBe(200);
    // Lifted (audited), the hold no longer stops the next run.
    expect((await admin(`/legal-holds/${held}/lift`, 'judgment final')).status).toBe(200);
    expect(await sweepAll()).toEqual({ kind: 'closed-verification-cases', purged: 1, held: 0 });
  });
});

async function expectEventually(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
