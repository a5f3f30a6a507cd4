import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DEV_TEAM, Role, devTokenClaims, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import { ReferralBodiesData, Rulebook, SHIPPED_REFERRAL_BODIES, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { INTERNAL_EVENTS, PersonArrivedV1, REFERENCE_DATA_TOPIC, encodeInternalEvent } from '@readmission/contracts';
import { AuditTrail, ManualClock, RunningService, startService } from '@readmission/platform';
import { referenceDataRecord } from '@readmission/reference-data';
import { ServiceTest, waitUntil } from '@readmission/testing';
import { ReferralsOverdueGauge } from './application/referrals-overdue-gauge';
import { PurgePersonalData } from './application/purge-personal-data';
import { SweepOverdueReferralsAndFollowUps } from './application/sweep-overdue-referrals-and-follow-ups';
import { NEED_AREAS } from './domain/reintegration-case';
import { reintegrationService } from './reintegration.app';
import { reintegrationSettingsForTest } from './settings';

/**
 * Reintegration in this process with a clock the test moves, against the real broker and store: case opening
 * under redelivery, the minor workflow, consent, referrals with due dates and overdue alerts, follow-ups and
 * the score, closure, statistics from the timeline projection.
 */
const run = randomUUID().slice(0, 8);
const groupId = `it-${run}-reintegration`;
const database = `it-${run}-reintegration`;
/** Reference data of this run only (the service reads it instead of the shared topic). */
const referenceDataTopic = `it-${run}.reference-data`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'reintegration-it-')), 'dev-key.json');
let n = 0;
const caseNumber = () => `RA-2026-${String((Number.parseInt(run.slice(0, 4), 16) % 900) + 100)}${String(++n).padStart(3, '0')}`;
const application = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
).value;
const assessment = { areas: NEED_AREAS.map((area) => ({ area, level: area === 'health' ? 'high' : 'low', notes: `${area} noted` })) };
const indicators = {
  incomeSource: 'irregular',
  employment: 'informal',
  financialSituation: 3,
  housing: 'stable',
  accessToServices: 5,
  socialNetwork: 3,
  feelsSafe: 4,
  wellbeing: 2,
  intentionToReMigrate: 'considering',
};

describe('reintegration against the real broker and store', () => {
  const clock = new ManualClock(new Date('2026-11-24T10:00:00+04:00'));
  const test = new ServiceTest(database);
  const { kafka, mongo } = test;
  let service: RunningService;

  const arrival = (number: string, over: Partial<PersonArrivedV1> = {}): PersonArrivedV1 => ({
    caseNumber: number,
    partnerCode: 'DE',
    partnerReference: `RI-${run}-${number}`,
    transferReference: `TR-${run}`,
    category: 'national',
    arrivedAt: '2026-11-24T08:00:00+04:00',
    borderCrossingPoint: 'GYD',
    person: { surname: 'Məmmədov', givenNames: 'Elçin', sex: 'male', dateOfBirth: '1991-04-17', nationality: 'AZ' },
    family: [{ relation: 'spouse', surname: 'Məmmədova', givenNames: 'Leyla', sex: 'female', dateOfBirth: '1993', nationality: 'AZ' }],
    assistance: { needed: true, consentGiven: true, details: 'needs regular medication' },
    unaccompaniedMinor: false,
    ...over,
  });
  const arrive = async (payload: PersonArrivedV1, times = 1) => {
    const event = encodeInternalEvent('readmission.internal.person-arrived.v1', payload, {
      id: `arr-${payload.caseNumber}`,
      source: 'urn:test',
      time: payload.arrivedAt,
      subject: payload.caseNumber,
    });
    await kafka.send(
      event.topic,
      Array.from({ length: times }, () => event),
    );
  };
  const api = async (path: string, role: Role, init: RequestInit = {}, subject = `cw-${role}`) => {
    const token = await mintDevToken(devKeyFile, devTokenClaims(role, subject, []));
    return fetch(`${service.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  };
  const post = (path: string, body: unknown, method = 'POST') => api(path, 'case-worker', { method, body: JSON.stringify(body) });
  const db = () => mongo.db(database);
  /** Waits for the case, then a lead gives it to the development team (the test's case worker is in it). */
  const opened = async (number: string) => {
    await waitUntil(
      () =>
        db()
          .collection('reintegration-cases')
          .findOne({ _id: number as never }),
      20_000,
    );
    const assigned = await api(`/reintegration-cases/${number}/assignment`, 'case-worker-lead', {
      method: 'POST',
      body: JSON.stringify({ caseWorker: 'cw-colleague', team: DEV_TEAM }),
    });
    expect(assigned.status).toBe(200);
    return db()
      .collection('reintegration-cases')
      .findOne({ _id: number as never });
  };

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    const internal = Object.keys(INTERNAL_EVENTS);
    await kafka.createTopics([...internal, referenceDataTopic]);
    await kafka.startGroupAtEnd(groupId, internal);
    // The test sweeps by hand, with its clock (settingsForTest: DEADLINE_SWEEP_MS=0); reference data is re-read at once.
    const settings = reintegrationSettingsForTest({ MONGODB_DB: database, AUTH_DEV_KEY_FILE: devKeyFile, REFERENCE_DATA_REFRESH_MS: '0' });
    const server = { patternTopics: { [REFERENCE_DATA_TOPIC]: [referenceDataTopic] } };
    service = await startService(reintegrationService(settings, { groupId, server, logLevels: ['error'] }, clock));
    await mongo.connect();
  }, 120_000);

  afterAll(() => test.close(service));

  const main = caseNumber();

  it('opens one case for a redelivered arrival, with the flags, follow-ups and the opening audited once', async () => {
    await arrive(arrival(main), 3);
    await opened(main);
    await new Promise((r) => setTimeout(r, 1000)); // let the redeliveries land
    expect(
      await db()
        .collection('reintegration-cases')
        .countDocuments({ _id: main as never }),
    ).toBe(1);
    const res = await api(`/reintegration-cases/${main}?purpose=quality%20review`, 'auditor');
    expect(res.status).toBe(200);
    const c = (await res.json()) as Record<string, unknown>;
    expect(c).toMatchObject({
      caseNumber: main,
      status: 'open',
      familyArrivedTogether: true,
      assistanceNeeded: true,
      unaccompaniedMinor: false,
      transferReference: `TR-${run}`,
    });
    expect((c.followUps as { month: number; scheduledOn: string }[]).map((f) => [f.month, f.scheduledOn])).toEqual([
      [3, '2027-02-24'],
      [6, '2027-05-24'],
      [12, '2027-11-24'],
    ]);
    expect((c.audit as { action: string }[]).filter((a) => a.action === 'case-opened')).toHaveLength(1);
    expect(await db().collection('follow-ups').countDocuments({ caseNumber: main })).toBe(3);
  });

  it('opens no case for a third-country national (the arrival still counts in the timeline)', async () => {
    const tcn = caseNumber();
    await arrive(
      arrival(tcn, {
        category: 'third-country-national',
        person: { surname: 'Doe', givenNames: 'John', sex: 'male', dateOfBirth: '1980', nationality: 'GE' },
      }),
    );
    await waitUntil(
      () =>
        db()
          .collection('readmission-timeline')
          .findOne({ _id: tcn as never }),
      20_000,
    );
    expect(
      await db()
        .collection('reintegration-cases')
        .countDocuments({ _id: tcn as never }),
    ).toBe(0);
    expect((await api(`/reintegration-cases/${tcn}`, 'case-worker')).status).toBe(404);
  });

  it("holds an unaccompanied minor's case until a guardian or child protection body is recorded", async () => {
    const minor = caseNumber();
    await arrive(
      arrival(minor, {
        unaccompaniedMinor: true,
        family: [],
        person: { surname: 'Əliyev', givenNames: 'Murad', sex: 'male', dateOfBirth: '2011-03-01', nationality: 'AZ' },
      }),
    );
    expect(await opened(minor)).toMatchObject({ status: 'awaiting-guardian', unaccompaniedMinor: true, familyArrivedTogether: false });
    expect((await post(`/reintegration-cases/${minor}/assessment`, assessment)).status).toBe(409);
    expect((await post(`/reintegration-cases/${minor}/consents`, { bodyCode: 'MOE', given: true })).status).toBe(409);
    expect(
      (await post(`/reintegration-cases/${minor}/referrals`, { bodyCode: 'MOE', purpose: 'school enrolment', withoutPersonalData: true }))
        .status,
    ).toBe(409);
    const g = await post(`/reintegration-cases/${minor}/guardian`, {
      kind: 'child-protection-body',
      name: 'Guardianship and custody body',
      appointedBy: 'local executive authority',
    });
    expect(g.status).toBe(200);
    expect((await post(`/reintegration-cases/${minor}/assessment`, assessment)).status).toBe(200);
  });

  it('refuses a referral without consent, refers without personal data on request, and with consent shares it, due by the body default', async () => {
    expect((await post(`/reintegration-cases/${main}/assignment`, {})).status).toBe(200);
    expect(
      (await post(`/reintegration-cases/${main}/plan/services`, { service: 'temporary housing', provider: 'RESTART', budgetLine: 'R-2.1' }))
        .status,
    ).toBe(409); // assessment first
    expect((await post(`/reintegration-cases/${main}/assessment`, assessment)).status).toBe(200);
    const svc = await post(`/reintegration-cases/${main}/plan/services`, {
      service: 'temporary housing',
      area: 'housing',
      provider: 'RESTART',
      budgetLine: 'R-2.1',
    });
    expect(svc.status).toBe(201);
    const { id } = (await svc.json()) as { id: string };
    expect((await post(`/reintegration-cases/${main}/plan/services/${id}`, { status: 'in-progress' }, 'PATCH')).status).toBe(200);

    const refused = await post(`/reintegration-cases/${main}/referrals`, {
      bodyCode: 'MOH',
      purpose: 'regular medication',
      area: 'health',
    });
    expect(refused.status).toBe(409);
    const anonymous = await post(`/reintegration-cases/${main}/referrals`, {
      bodyCode: 'MLSPP',
      purpose: 'job placement',
      area: 'employment-skills',
      withoutPersonalData: true,
    });
    expect(anonymous.status).toBe(201);
    expect(await anonymous.json()).toMatchObject({
      bodyCode: 'MLSPP',
      status: 'sent',
      shared: { personalData: false, fields: ['needs'], data: { needs: [{ area: 'employment-skills', level: 'low' }] } },
    });

    expect(
      (await post(`/reintegration-cases/${main}/consents`, { bodyCode: 'MOH', given: true, note: 'signed consent form' })).status,
    ).toBe(200);
    const referral = await post(`/reintegration-cases/${main}/referrals`, {
      bodyCode: 'MOH',
      purpose: 'regular medication',
      area: 'health',
    });
    expect(referral.status).toBe(201);
    // Sent Tuesday 24 Nov 2026; 10 Azerbaijani working days → Tuesday 8 Dec.
    expect(await referral.json()).toMatchObject({
      bodyCode: 'MOH',
      owner: 'cw-case-worker',
      dueOn: '2026-12-08',
      status: 'sent',
      shared: { personalData: true, data: { person: { surname: 'Məmmədov' }, assistance: { needed: true } } },
    });
    expect((await api(`/reintegration-cases/${main}/referrals`, 'auditor', { method: 'POST', body: '{}' })).status).toBe(403);

    const mine = (await (await api('/reintegration-cases?view=mine', 'case-worker')).json()) as { caseNumber: string }[];
    expect(mine.map((c) => c.caseNumber)).toEqual([main]);
    const unassigned = (await (await api('/reintegration-cases?view=unassigned', 'case-worker')).json()) as { caseNumber: string }[];
    expect(unassigned.map((c) => c.caseNumber)).not.toContain(main);
  });

  it('alerts overdue referrals once (two instances of the sweep), lists the case, and counts them per body', async () => {
    const deadlines = service.app.get(SweepOverdueReferralsAndFollowUps);
    clock.set('2026-12-08T23:00:00+04:00');
    expect(await deadlines.sweep()).toEqual({ referralsOverdue: 0, followUpsOverdue: 0 });
    clock.set('2026-12-09T00:00:01+04:00'); // MOH due at the end of 8 Dec; MLSPP (10 working days too) also
    const [a, b] = await Promise.all([deadlines.sweep(), deadlines.sweep()]);
    expect(a.referralsOverdue + b.referralsOverdue).toBe(2);
    expect((await deadlines.sweep()).referralsOverdue).toBe(0);
    const overdue = (await (await api('/reintegration-cases?view=overdue-referrals', 'case-worker')).json()) as { caseNumber: string }[];
    expect(overdue.map((c) => c.caseNumber)).toEqual([main]);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/reintegration_referrals_overdue_total\{body="MOH"\} [1-9]/);
    // The gauge (open and overdue now, per body), recounted from the store with the clock.
    const overdueNow = service.app.get(ReferralsOverdueGauge);
    const before = await overdueNow.refresh();
    expect(before.get('MOH')).toBeGreaterThanOrEqual(1);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toContain(
      `reintegration_referrals_overdue{body="MOH"} ${before.get('MOH')}`,
    );
    const c = (await (await api(`/reintegration-cases/${main}`, 'case-worker')).json()) as {
      referrals: { _id: string; bodyCode: string; overdue: boolean }[];
      audit: { action: string }[];
    };
    expect(c.referrals.every((r) => r.overdue)).toBe(true);
    expect(c.audit.filter((x) => x.action === 'referral-overdue')).toHaveLength(2);
    const moh = c.referrals.find((r) => r.bodyCode === 'MOH')!;
    expect((await post(`/reintegration-cases/${main}/referrals/${moh._id}`, { status: 'done' }, 'PATCH')).status).toBe(422); // needs the outcome
    expect(
      (
        await post(
          `/reintegration-cases/${main}/referrals/${moh._id}`,
          { status: 'done', outcome: 'registered with the polyclinic' },
          'PATCH',
        )
      ).status,
    ).toBe(200);
    expect((await post(`/reintegration-cases/${main}/referrals/${moh._id}`, { status: 'in-progress' }, 'PATCH')).status).toBe(409);
    // Done: no longer overdue now; a body with nothing overdue stays on the gauge at 0.
    expect((await overdueNow.refresh()).get('MOH') ?? 0).toBe(before.get('MOH')! - 1);
  });

  it('raises an overdue alert once when a run stopped between its effect and its audit (the next sweep resumes the event)', async () => {
    const other = caseNumber();
    await arrive(arrival(other));
    await opened(other);
    const sent = await post(`/reintegration-cases/${other}/referrals`, {
      bodyCode: 'IOM',
      purpose: 'counselling',
      withoutPersonalData: true,
    });
    expect(await sent.json()).toMatchObject({
      dueOn: '2027-01-08',
      referralBodiesVersion: '2026.1',
      deadline: { rule: expect.stringMatching(/^30 calendar days from referral/), rulebookVersion: '2026.1' },
    });
    clock.set('2027-01-09T00:00:01+04:00');
    const deadlines = service.app.get(SweepOverdueReferralsAndFollowUps);
    // The process "dies" after the history note, before the audit entry: the event stays claimed, the referral findable.
    jest.spyOn(service.app.get(AuditTrail), 'record').mockRejectedValueOnce(new Error('the process died here'));
    expect((await deadlines.sweep()).referralsOverdue).toBe(0);
    expect(await db().collection('referrals').findOne({ caseNumber: other })).toMatchObject({ overdueAlerted: false });
    expect((await deadlines.sweep()).referralsOverdue).toBe(1);
    expect((await deadlines.sweep()).referralsOverdue).toBe(0);
    const c = (await (await api(`/reintegration-cases/${other}?purpose=quality%20review`, 'auditor')).json()) as {
      history: { event: string }[];
      audit: { action: string }[];
    };
    expect(c.history.filter((h) => h.event === 'referral-overdue')).toHaveLength(1);
    expect(c.audit.filter((a) => a.action === 'referral-overdue')).toHaveLength(1);
    expect(
      await db()
        .collection('deadline-events')
        .findOne({ subject: { $regex: `^${other}-IOM-` } }),
    ).toMatchObject({ limit: 'referral', event: 'overdue', state: 'done', attempts: 2 });
  });

  it('refers by the referral bodies in effect: a version arriving from intake applies from its start without a restart, and is kept on the referral', async () => {
    const version = `2027.1-it-${run}`;
    const loaded: ReferralBodiesData = {
      ...SHIPPED_REFERRAL_BODIES[0],
      version,
      effectiveFrom: '2027-01-11T00:00:00+04:00',
      bodies: [
        ...SHIPPED_REFERRAL_BODIES[0].bodies,
        {
          code: 'BAKU-EP',
          name: 'Baku City Executive Power',
          type: 'local-authority',
          deadline: { value: 5, unit: 'working-days', from: 'referral', status: 'assumed', source: 'docs/rules.md#referral-bodies' },
        },
      ],
    };
    const record = referenceDataRecord(
      {
        kind: 'referral-bodies',
        key: 'AZ',
        version,
        effectiveFrom: new Date(loaded.effectiveFrom),
        loadedAt: clock.now(),
        loadedBy: 'it-admin',
        data: loaded,
      },
      referenceDataTopic,
    );
    await kafka.send(referenceDataTopic, [record]);
    await waitUntil(
      () =>
        db()
          .collection('reference-data')
          .findOne({ _id: `referral-bodies:AZ:${version}` as never }),
      20_000,
    );
    const later = caseNumber();
    await arrive(arrival(later));
    await opened(later);
    const refer = () =>
      post(`/reintegration-cases/${later}/referrals`, { bodyCode: 'BAKU-EP', purpose: 'housing registration', withoutPersonalData: true });
    expect((await refer()).status).toBe(400); // 9 Jan: not a body yet
    expect(await (await api('/referral-bodies', 'case-worker')).json()).toMatchObject({ version: SHIPPED_REFERRAL_BODIES[0].version });
    clock.set('2027-01-11T10:00:00+04:00'); // a Monday
    const bodies = (await (await api('/referral-bodies', 'case-worker')).json()) as { version: string; bodies: { code: string }[] };
    expect(bodies.version).toBe(version);
    expect(bodies.bodies.map((b) => b.code)).toContain('BAKU-EP');
    const referral = await refer();
    expect(referral.status).toBe(201);
    expect(await referral.json()).toMatchObject({
      bodyCode: 'BAKU-EP',
      referralBodiesVersion: version,
      dueOn: '2027-01-18',
      deadline: { rulebookVersion: version },
    });
  });

  it('records follow-ups with the sustainability score, not too early, alerts a missed one, and closes the case', async () => {
    expect((await post(`/reintegration-cases/${main}/follow-ups/3`, { indicators })).status).toBe(409); // 9 Dec: before 10 Feb
    expect((await post(`/reintegration-cases/${main}/follow-ups/3`, { indicators: { ...indicators, wellbeing: 9 } })).status).toBe(400);
    clock.set('2027-02-25T11:00:00+04:00');
    const rec = await post(`/reintegration-cases/${main}/follow-ups/3`, { indicators, notes: 'home visit' });
    expect(rec.status).toBe(200);
    expect(await rec.json()).toMatchObject({
      month: 3,
      status: 'recorded',
      score: { economic: 0.5, social: 0.833, psychosocial: 0.5, score: 0.611 },
    });
    expect((await post(`/reintegration-cases/${main}/follow-ups/3`, { indicators })).status).toBe(409);
    clock.set('2027-06-24T00:00:01+04:00'); // 6-month follow-up (24 May) due 23 Jun
    const deadlines = service.app.get(SweepOverdueReferralsAndFollowUps);
    expect((await deadlines.sweep()).followUpsOverdue).toBeGreaterThanOrEqual(1);
    const late = (await (await api('/reintegration-cases?view=overdue-follow-ups', 'auditor')).json()) as { caseNumber: string }[];
    expect(late.map((c) => c.caseNumber)).toContain(main);
    const closed = await post(`/reintegration-cases/${main}/closure`, {
      outcome: 'partially-reintegrated',
      reason: 'employed informally; housing stable',
    });
    expect(closed.status).toBe(200);
    expect(
      await db()
        .collection('follow-ups')
        .findOne({ _id: `${main}:M12` as never }),
    ).toMatchObject({ status: 'cancelled' });
    expect((await post(`/reintegration-cases/${main}/assessment`, assessment)).status).toBe(409);
  });

  it("lets case workers work only on their own or their team's cases; a lead assigns and reassigns (audited); reads of a case page are audited with their purpose; oversight reads and changes nothing", async () => {
    const north = caseNumber();
    await arrive(arrival(north));
    await waitUntil(
      () =>
        db()
          .collection('reintegration-cases')
          .findOne({ _id: north as never }),
      20_000,
    );
    const as = async (subject: string, roles: Role[], teams: string[] | undefined, path: string, init: RequestInit = {}) => {
      const token = await mintDevToken(devKeyFile, { subject, roles, teams });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) };
      return fetch(`${service.url}${path}`, { ...init, headers });
    };
    const page = `/reintegration-cases/${north}`;
    const consent = { method: 'POST', body: JSON.stringify({ bodyCode: 'MOH', given: true }) };
    const listed = async (subject: string, roles: Role[], teams: string[]) =>
      ((await (await as(subject, roles, teams, '/reintegration-cases?view=all&limit=500')).json()) as { caseNumber: string }[]).map(
        (c) => c.caseNumber,
      );

    // Unassigned: no case worker reaches it; a lead sees it among the cases of no team.
    expect((await as('cw-aysel', ['case-worker'], ['north'], page)).status).toBe(403);
    expect((await as('cw-aysel', ['case-worker'], ['north'], `${page}/consents`, consent)).status).toBe(403);
    expect(await listed('cw-aysel', ['case-worker'], ['north'])).not.toContain(north);
    expect(await listed('lead-north', ['case-worker-lead'], ['north'])).toContain(north);
    // Assigning is a lead's act, only to one of the lead's teams.
    const assign = (subject: string, roles: Role[], teams: string[], body: Record<string, string>) =>
      as(subject, roles, teams, `${page}/assignment`, { method: 'POST', body: JSON.stringify(body) });
    expect((await assign('cw-aysel', ['case-worker'], ['north'], { caseWorker: 'cw-aysel' })).status).toBe(403);
    expect((await assign('lead-north', ['case-worker-lead'], ['north'], { caseWorker: 'cw-aysel', team: 'south' })).status).toBe(403);
    const given = await assign('lead-north', ['case-worker-lead'], ['north'], { caseWorker: 'cw-aysel', team: 'north' });
    expect(given.status).toBe(200);
    expect(await given.json()).toEqual({ caseNumber: north, caseWorker: 'cw-aysel', team: 'north' });

    // The assignee and the team work on it; another team's worker and the lead of another team do not.
    expect((await as('cw-aysel', ['case-worker'], [], page)).status).toBe(200);
    expect((await as('cw-aysel', ['case-worker'], [], `${page}/consents`, consent)).status).toBe(200);
    expect((await as('cw-rauf', ['case-worker'], ['north'], `${page}/consents`, consent)).status).toBe(200);
    expect(await listed('cw-rauf', ['case-worker'], ['north'])).toContain(north);
    expect((await as('cw-south', ['case-worker'], ['south'], page)).status).toBe(403);
    expect(
      (
        await as('cw-south', ['case-worker'], ['south'], `${page}/closure`, {
          method: 'POST',
          body: JSON.stringify({ outcome: 'partially-reintegrated', reason: 'not my case to close' }),
        })
      ).status,
    ).toBe(403);
    expect(await listed('cw-south', ['case-worker'], ['south'])).not.toContain(north);
    expect((await assign('lead-south', ['case-worker-lead'], ['south'], { caseWorker: 'cw-south', team: 'south' })).status).toBe(403);

    // Reassignment: the case moves to another worker of the team; audited with who, previous and new.
    expect((await assign('lead-north', ['case-worker-lead'], ['north'], { caseWorker: 'cw-rauf', reason: 'Aysel on leave' })).status).toBe(
      200,
    );
    const trail = (await (await api(`/audit-trail?subject=${north}`, 'auditor')).json()) as {
      actor: string;
      action: string;
      reason: string;
      details: Record<string, unknown>;
    }[];
    expect(
      trail.filter((e) => ['case-assigned', 'case-reassigned'].includes(e.action)).sort((x, y) => x.action.localeCompare(y.action)),
    ).toEqual([
      expect.objectContaining({
        actor: 'lead-north',
        action: 'case-assigned',
        details: { caseWorker: 'cw-aysel', team: 'north', previous: { caseWorker: null, team: null } },
      }),
      expect.objectContaining({
        actor: 'lead-north',
        action: 'case-reassigned',
        reason: 'Aysel on leave',
        details: { caseWorker: 'cw-rauf', team: 'north', previous: { caseWorker: 'cw-aysel', team: 'north' } },
      }),
    ]);

    // Oversight reads (saying why) and changes nothing; an auditor without a purpose gets a clear 400.
    expect((await as('ov-1', ['oversight'], undefined, `${page}?purpose=ombudsman%20inquiry`)).status).toBe(200);
    expect((await as('ov-1', ['oversight'], undefined, `${page}/consents`, consent)).status).toBe(403);
    expect((await as('ov-1', ['oversight'], undefined, `${page}/assignment`, { method: 'POST', body: '{}' })).status).toBe(403);
    const missing = await as('au-1', ['auditor'], undefined, page);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/purpose is required/);

    const reads = (await (await api(`/audit-trail?subject=${north}&action=personal-data-read`, 'auditor')).json()) as {
      actor: string;
      reason: string;
      at: string;
      details: { record: string };
    }[];
    // The test's clock stands still: same instant, so compared in the order of the readers' names.
    expect(reads.map((r) => [r.actor, r.reason, r.details.record]).sort()).toEqual([
      ['cw-aysel', 'case-work', 'reintegration-case'],
      ['ov-1', 'ombudsman inquiry', 'reintegration-case'],
    ]);
    expect(reads.every((r) => !Number.isNaN(Date.parse(r.at)))).toBe(true);
  });

  it('computes statistics from case-registered, case-decided and arrivals (idempotent projection), for auditors only', async () => {
    const envelope = (id: string, number: string) => ({ id, source: 'urn:test', time: '2026-11-01T10:00:00+04:00', subject: number });
    const rules = Rulebook.from(SHIPPED_RULEBOOKS[0]).agreement('EU-AZ');
    const person = { surname: 'Məmmədov', givenNames: 'Elçin', sex: 'male' as const, dateOfBirth: '1991-04-17', nationality: 'AZ' };
    const registered = encodeInternalEvent(
      'readmission.internal.case-registered.v1',
      {
        caseNumber: main,
        partnerCode: 'DE',
        partnerReference: `RI-${run}`,
        agreement: 'EU-AZ',
        rulebookVersion: 't',
        agreementRules: rules,
        procedure: 'normal',
        category: 'national',
        receivedAt: '2026-11-01T10:00:00+04:00',
        replyDueBy: '2026-11-16T23:59:59+04:00',
        application,
      },
      envelope(`reg-${main}`, main),
    );
    const decided = encodeInternalEvent(
      'readmission.internal.case-decided.v1',
      {
        caseNumber: main,
        partnerCode: 'DE',
        partnerReference: `RI-${run}`,
        agreement: 'EU-AZ',
        category: 'national',
        decision: 'accepted',
        basis: 'proof',
        decidedAt: '2026-11-05T10:00:00+04:00',
        deemed: false,
        receivedAt: '2026-11-01T10:00:00+04:00',
        rulebookVersion: 't',
        agreementRules: rules,
        person,
        family: [],
        unaccompaniedMinor: false,
      },
      envelope(`dec-${main}`, main),
    );
    await kafka.send(registered.topic, [registered, registered]);
    await kafka.send(decided.topic, [decided, decided]);
    await waitUntil(
      () =>
        db()
          .collection('readmission-timeline')
          .findOne({ _id: main as never, decidedAt: { $exists: true }, receivedAt: { $exists: true } }),
      20_000,
    );
    expect((await api('/reintegration-statistics', 'case-worker')).status).toBe(403);
    const stats = (await (await api('/reintegration-statistics', 'auditor')).json()) as Record<string, Record<string, unknown>>;
    expect(stats.readmissions.byPartnerAgreementOutcomeYear).toEqual([
      { partnerCode: 'DE', agreement: 'EU-AZ', outcome: 'accepted', year: 2026, count: 1 },
    ]);
    expect(stats.readmissions.receiptToDecision).toEqual({ count: 1, medianDays: 4, p90Days: 4 });
    expect(stats.readmissions.receiptToTransfer).toEqual({ count: 1, medianDays: 22.92, p90Days: 22.92 }); // 1 Nov 10:00 → 24 Nov 08:00
    expect(stats.referralCompliance).toEqual(
      expect.arrayContaining([
        { bodyCode: 'MOH', total: 1, onTime: 0, late: 1, openOverdue: 0, openWithinDeadline: 0, complianceRate: 0 },
        { bodyCode: 'MLSPP', total: 1, onTime: 0, late: 0, openOverdue: 1, openWithinDeadline: 0, complianceRate: 0 },
      ]),
    );
    expect((stats.followUps as unknown as { month: number; recorded: number; meanScore: number }[])[0]).toMatchObject({
      month: 3,
      recorded: 1,
      meanScore: 0.611,
    });
    expect(stats.cases).toMatchObject({ byOutcome: { 'partially-reintegrated': 1 } });
    expect((await api('/reintegration-statistics', 'admin')).status).toBe(200);
  });

  it('purges closed cases after their retention period: personal data gone, statistics intact, a case under legal hold untouched', async () => {
    // A second closed case, put under legal hold by an administrator (audited with its reason).
    const held = caseNumber();
    await arrive(arrival(held));
    await opened(held);
    expect((await post(`/reintegration-cases/${held}/closure`, { outcome: 'sustainably-reintegrated', reason: 'settled' })).status).toBe(
      200,
    );
    const hold = (reason: string) => api(`/legal-holds/${held}`, 'admin', { method: 'PUT', body: JSON.stringify({ reason }) });
    expect(
      (await api(`/legal-holds/${held}`, 'case-worker', { method: 'PUT', body: JSON.stringify({ reason: 'court case 2/31' }) })).status,
    ).toBe(403);
    expect((await hold('court case 2/31')).status).toBe(200);
    const statistics = async () => {
      const figures = (await (await api('/reintegration-statistics', 'auditor')).json()) as Record<string, unknown>;
      delete figures.computedAt;
      return figures;
    };
    // Nothing is due before the retention period has passed since closure.
    const purge = service.app.get(PurgePersonalData);
    expect(await purge.sweep()).toEqual([{ kind: 'closed-reintegration-cases', purged: 0, held: 0 }]);
    clock.set('2032-07-01T10:00:00+04:00'); // five years after both closures
    const before = await statistics();
    expect(await purge.sweep()).toEqual([{ kind: 'closed-reintegration-cases', purged: 1, held: 1 }]);
    expect(await purge.sweep()).toEqual([{ kind: 'closed-reintegration-cases', purged: 0, held: 1 }]); // done once

    // The raw store: the purged case keeps no person, family, assistance, assessment or history details.
    const raw = await db()
      .collection('reintegration-cases')
      .findOne({ _id: main as never });
    expect(raw).toMatchObject({ status: 'closed', outcome: 'partially-reintegrated', purgedAt: expect.any(Date), family: [], plan: [] });
    for (const field of ['assistance', 'guardian', 'assessment', 'closeReason', 'partnerReference']) expect(raw).not.toHaveProperty(field);
    expect((raw!.history as Record<string, unknown>[]).every((h) => !('details' in h))).toBe(true);
    const shown = (await (await api(`/reintegration-cases/${main}?purpose=retention%20check`, 'auditor')).json()) as {
      person: object;
      history: object[];
    };
    expect(shown.person).toEqual({});
    for (const referral of await db().collection('referrals').find({ caseNumber: main }).toArray())
      expect(referral).not.toHaveProperty('shared.data');
    for (const followUp of await db().collection('follow-ups').find({ caseNumber: main }).toArray()) {
      expect(followUp).not.toHaveProperty('indicators');
      expect(followUp).not.toHaveProperty('notes');
    }
    // The statistics count the same; the held case is as it was; the purge is in the audit trail (identifiers only).
    expect(await statistics()).toEqual(before);
    const kept = (await (await api(`/reintegration-cases/${held}?purpose=retention%20check`, 'auditor')).json()) as {
      person: { surname: string };
      assistance?: object;
    };
    expect(kept.person.surname).toBe('Məmmədov');
    expect(kept.assistance).toBeDefined();
    const audited = (await (await api(`/audit-trail?subject=${main}`, 'auditor')).json()) as { action: string; details?: object }[];
    expect(audited.filter((e) => e.action === 'personal-data-purged')).toEqual([
      expect.objectContaining({ details: { kind: 'closed-reintegration-cases', record: main } }),
    ]);
    const holdAudit = (await (await api(`/audit-trail?subject=${held}`, 'auditor')).json()) as { action: string; reason?: string }[];
    expect(holdAudit).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'legal-hold-placed', reason: 'court case 2/31' })]),
    );

    // Lifting the hold (audited) lets the next run purge the case.
    expect(
      (await api(`/legal-holds/${held}/lift`, 'admin', { method: 'POST', body: JSON.stringify({ reason: 'case decided' }) })).status,
    ).toBe(200);
    expect(await purge.sweep()).toEqual([{ kind: 'closed-reintegration-cases', purged: 1, held: 0 }]);
  });

  // Last: the statistics and purge tests above count every case of this run's database.
  it('closes an open case once when the person is handed back, readmitted by mistake; a person without a case changes nothing', async () => {
    const returned = caseNumber();
    await arrive(arrival(returned));
    await opened(returned);
    const back = async (number: string) => {
      const event = encodeInternalEvent(
        'readmission.internal.person-returned-by-mistake.v1',
        { caseNumber: number, partnerCode: 'DE', returnedAt: '2027-03-20T09:15:00+04:00', borderCrossingPoint: 'GYD' },
        { id: `back-${number}`, source: 'urn:test', time: '2027-03-20T09:15:00+04:00', subject: number },
      );
      await kafka.send(event.topic, [event, event]); // a redelivery changes nothing
    };
    await back(returned);
    await back(caseNumber()); // no reintegration case (e.g. a third-country national): nothing to close
    await waitUntil(
      async () =>
        (await db()
          .collection('reintegration-cases')
          .findOne({ _id: returned as never, status: 'closed' })) ?? undefined,
      20_000,
    );
    // Closed, then its remaining follow-ups cancelled and the closing audited (in that order).
    await waitUntil(
      async () => (await db().collection('audit-trail').findOne({ subject: returned, action: 'case-closed' })) ?? undefined,
      20_000,
    );
    const c = (await (await api(`/reintegration-cases/${returned}?purpose=quality%20review`, 'auditor')).json()) as {
      status: string;
      outcome: string;
      closeReason: string;
      followUps: { status: string }[];
      audit: { action: string; actor: string }[];
    };
    expect(c).toMatchObject({
      status: 'closed',
      outcome: 'readmitted-by-mistake',
      closeReason: expect.stringContaining('returned to DE at GYD'),
    });
    expect(c.followUps.every((f) => f.status !== 'scheduled')).toBe(true);
    expect(c.audit.filter((a) => a.action === 'case-closed')).toEqual([expect.objectContaining({ actor: 'system' })]);
  });
});
