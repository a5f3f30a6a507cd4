import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CrossingPointsData, Rulebook, RulebookData, SHIPPED_CROSSING_POINTS, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { Role, devTokenClaims, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import {
  ApplicationSubmittedV1,
  INTERNAL_EVENTS,
  MistakeAnsweredV1,
  REFERENCE_DATA_TOPIC,
  TRANSIT_REFUSAL_GROUNDS,
  TransitRequestedV1,
  encodeInternalEvent,
} from '@readmission/contracts';
import { ManualClock, RunningService, startService } from '@readmission/platform';
import { PurgePersonalData } from './application/purge-personal-data';
import { transferIdOf } from './domain/transfer';
import { TransfersExpectedTodayGauge } from './application/transfers-expected-today-gauge';
import { referenceDataRecord } from '@readmission/reference-data';
import { Collector, ServiceTest, sweepUntilDone } from '@readmission/testing';
import { JudgeTransferNotice } from './application/judge-transfer-notice';
import { SweepTransferTimeLimits } from './application/sweep-transfer-time-limits';
import { CostRepaymentsOverdueGauge, TransitsReplyOverdueGauge } from './application/other-procedures-gauges';
import { SweepTransitTimeLimits } from './application/sweep-transit-time-limits';
import { transferSettingsForTest } from './settings';
import { transferService } from './transfer.app';

/**
 * Transfer in this process with a clock the test moves, against the real broker and store: travel documents,
 * notices judged per person against the agreement and the crossing point's capacity, cancellations, the
 * handover person by person, and the transfer time limit.
 */
const run = randomUUID().slice(0, 8);
/** Records before this run are other runs' (case numbers come from a block of 900 and can repeat across runs). */
const runStartedAt = Date.now();
const groupId = `it-${run}-transfer`;
const database = `it-${run}-transfer`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'transfer-it-')), 'dev-key.json');
const national: ApplicationSubmittedV1 = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
).value;
const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const REPLY = 'readmission.internal.partner-reply-requested.v1';
const refTopic = `it-${run}.reference-data`;
const CAPACITY = { AST: { date: '2026-11-26', value: 2 }, BLK: { date: '2026-11-27', value: 400 } };
const ARRIVED = 'readmission.internal.person-arrived.v1';

/** Each agreement with one of its partners: the tests that run once per agreement. */
const EACH_AGREEMENT = [
  ['EU-AZ', 'DE'],
  ['NO-AZ', 'NO'],
  ['CH-AZ', 'CH'],
  ['ME-AZ', 'ME'],
];

let n = 0;
const block = (Number.parseInt(run.slice(0, 4), 16) % 900) + 100;
const nextCase = () => {
  n += 1;
  return { caseNumber: `RA-2031-${block}${String(n).padStart(3, '0')}`, reference: `TT-${run}-${n}` };
};

type Reply = { replyId: string; messageType: string; recordKey: string; caseNumber?: string; payload: Record<string, unknown> };

describe('transfer against the real broker and store', () => {
  const clock = new ManualClock(new Date('2026-11-16T10:00:00+04:00'));
  const test = new ServiceTest(database);
  const { kafka, mongo } = test;
  let service: RunningService;
  let replies: Collector;
  let arrivals: Collector;

  // The test sweeps by hand, with its clock (settingsForTest: DEADLINE_SWEEP_MS=0).
  const settings = () =>
    transferSettingsForTest({
      MONGODB_DB: database,
      AUTH_DEV_KEY_FILE: devKeyFile,
      TRANSFER_ALERT_DAYS: '14,3',
      REFERENCE_DATA_REFRESH_MS: '500', // a version loaded meanwhile applies half a second later
    });

  /** Publishes case-decided (accepted) as verification does; returns the case number and reference. */
  const accept = async (
    partner: string,
    decidedAt: string,
    over: Partial<ApplicationSubmittedV1> = {},
    count = 1,
    book = rulebook,
    made = Array.from({ length: count }, () => nextCase()),
  ) => {
    const applicable = book.applicableAgreement(partner, decidedAt.slice(0, 10));
    if (!applicable.applies) throw new Error(applicable.reason);
    const app = { ...national, ...over };
    const events = made.map(({ caseNumber, reference }) =>
      encodeInternalEvent(
        'readmission.internal.case-decided.v1',
        {
          caseNumber,
          partnerCode: partner,
          partnerReference: reference,
          agreement: applicable.agreement.code,
          category: app.category,
          decision: 'accepted',
          basis: 'proof',
          decidedAt,
          deemed: false,
          receivedAt: decidedAt,
          rulebookVersion: book.version,
          agreementRules: applicable.agreement,
          person: {
            surname: app.person.surname,
            givenNames: app.person.givenNames,
            sex: app.person.sex,
            dateOfBirth: app.person.dateOfBirth,
            nationality: app.person.nationality,
            ...(app.person.photo ? { photo: app.person.photo } : {}),
          },
          family: app.family ?? [],
          assistance: app.assistance,
          unaccompaniedMinor: app.unaccompaniedMinor ?? false,
        },
        { id: randomUUID(), source: 'urn:test', time: decidedAt, subject: caseNumber },
      ),
    );
    for (let i = 0; i < events.length; i += 100) await kafka.send(events[0].topic, events.slice(i, i + 100));
    await expectEventually(
      async () =>
        (await db()
          .collection('accepted-cases')
          .countDocuments({ _id: { $in: made.map((m) => m.caseNumber) } as never })) === made.length,
      30_000 + count * 500,
    );
    return made;
  };
  const notify = async (
    partner: string,
    transferReference: string,
    references: string[],
    plannedArrival: string,
    point: string,
    receivedAt: string,
    noticeId = randomUUID(),
  ) => {
    const event = encodeInternalEvent(
      'readmission.internal.transfer-notified.v1',
      {
        partnerCode: partner,
        noticeId,
        receivedAt,
        notice: {
          transferReference,
          partnerReferences: references,
          plannedArrival,
          borderCrossingPoint: point,
          transport: { mode: 'air' },
        },
      },
      { id: noticeId, source: 'urn:test', time: receivedAt },
    );
    await kafka.send(event.topic, [event]);
    return event;
  };
  /**
   * Loads a crossing-points version as intake distributes it, on this run's own reference-data topic (never the real
   * one, whose versions a concurrent run would apply), and waits until the service keeps it.
   */
  const loadCrossingPoints = async (
    version: string,
    dates: Record<string, { date: string; value: number }>,
    effectiveFrom = '2026-01-01T00:00:00+04:00',
  ) => {
    const data: CrossingPointsData = JSON.parse(JSON.stringify(SHIPPED_CROSSING_POINTS[0]));
    Object.assign(data, { version, effectiveFrom });
    for (const p of data.points) if (dates[p.code]) p.dateCapacity = [{ ...dates[p.code], status: 'assumed', source: 'test' }];
    await loadVersion('crossing-points', version, data, effectiveFrom);
  };
  /** Any reference-data version of Azerbaijan's (crossing points, a rulebook), as intake distributes it. */
  const loadVersion = async (kind: 'crossing-points' | 'rulebook', version: string, data: object, effectiveFrom: string) => {
    const loaded = { kind, key: 'AZ', version, effectiveFrom: new Date(effectiveFrom), loadedAt: new Date(), loadedBy: 'it', data };
    await kafka.send(refTopic, [referenceDataRecord(loaded as Parameters<typeof referenceDataRecord>[0], refTopic)]);
    await expectEventually(async () => (await stored('reference-data', `${kind}:AZ:${version}`)) !== null);
  };
  const repliesFor = async (recordKey: string, messageType: string, count = 1) =>
    (
      await replies.waitFor(
        (r) => replies.json<Reply>(r).recordKey === recordKey && replies.json<Reply>(r).messageType === messageType,
        count,
      )
    ).map((r) => replies.json<Reply>(r));
  /** The replies of a type under a key collected so far (to check that one was sent once, or not at all). */
  const sentSoFar = (recordKey: string, messageType: string) =>
    replies.records.filter((r) => replies.json<Reply>(r).recordKey === recordKey && replies.json<Reply>(r).messageType === messageType);
  const api = async (path: string, role: Role, init: RequestInit = {}) => {
    const token = await mintDevToken(
      devKeyFile,
      devTokenClaims(
        role,
        `it-${role}`,
        SHIPPED_CROSSING_POINTS[0].points.map((p) => p.code),
      ),
    );
    return fetch(`${service.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  };
  const post = (path: string, role: Role, body: unknown) => api(path, role, { method: 'POST', body: JSON.stringify(body) });
  const db = () => mongo.db(database);
  const stored = (collection: string, id: string) =>
    db().collection<{ _id: string } & Record<string, unknown>>(collection).findOne({ _id: id });

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    await mongo.connect();
    const internal = Object.keys(INTERNAL_EVENTS);
    await kafka.createTopics(internal);
    await kafka.startGroupAtEnd(groupId, internal);
    replies = await kafka.collect([REPLY], { since: runStartedAt });
    arrivals = await kafka.collect([ARRIVED], { since: runStartedAt });
    await kafka.createTopics([refTopic]);
    const definition = transferService(settings(), { groupId, logLevels: ['error', 'warn'] }, clock);
    service = await startService({
      ...definition,
      server: { ...definition.server, patternTopics: { ...definition.server?.patternTopics, [REFERENCE_DATA_TOPIC]: [refTopic] } },
    });
    // A crossing-points version as intake would distribute it: AST takes 2 persons on 26 Nov, BLK 400 on 27 Nov.
    await loadCrossingPoints(`it-${run}`, CAPACITY);
  }, 120_000);

  afterAll(() => test.close(service));

  it('issues the travel document, confirms a notice per person, records the handover person by person and tells reintegration of the arrived only', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [a, b] = await accept('DE', '2026-11-16T10:00:00+04:00', {}, 2);
    const [issued] = await repliesFor(a.reference, 'readmission.travel-document.issued.v1');
    // 90 calendar days counting the day of issue.
    expect(issued.payload).toEqual({
      partnerReference: a.reference,
      caseNumber: a.caseNumber,
      documentNumber: a.caseNumber.replace('RA-', 'AZRC-'),
      validFrom: '2026-11-16',
      validUntil: '2027-02-13',
    });
    // Due 5 Azerbaijani working days after acceptance (Monday 16 Nov → Monday 23 Nov); transfer within 3 months.
    expect(await stored('accepted-cases', a.caseNumber)).toMatchObject({
      status: 'awaiting-transfer',
      issueDueBy: new Date('2026-11-23T23:59:59+04:00'),
      transferDueBy: new Date('2027-02-16T23:59:59+04:00'),
    });

    clock.set('2026-11-17T10:00:00+04:00');
    const tr = `TR-${run}-E2E`;
    await notify('DE', tr, [a.reference, b.reference, `UNKNOWN-${run}`], '2026-11-20T14:25:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    const [confirmed] = await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    expect(confirmed.payload).toEqual({
      transferReference: tr,
      partnerReferences: [a.reference, b.reference],
      arrival: '2026-11-20T14:25:00+04:00',
      borderCrossingPoint: 'GYD',
    });
    const [refused] = await repliesFor(tr, 'readmission.transfer.refused.v1');
    expect(refused.payload).toEqual({
      transferReference: tr,
      reasons: [{ code: 'not-accepted', message: expect.stringContaining(`UNKNOWN-${run}`) }],
    });

    const today = (await (await api('/border/arrivals?borderCrossingPoint=GYD&date=2026-11-20', 'border-officer')).json()) as {
      transfers: {
        transferReference: string;
        persons: { partnerReference: string; travelDocument?: { documentNumber: string }; person?: { photo?: unknown } }[];
      }[];
    };
    const expected = today.transfers.find((t) => t.transferReference === tr);
    expect(expected?.persons.map((p) => p.partnerReference)).toEqual([a.reference, b.reference]);
    // The photo the partner attached to the application, by reference and digest, for the identity check.
    expect(expected?.persons[0].person?.photo).toEqual(national.person.photo);
    expect(expected?.persons[0].travelDocument?.documentNumber).toBe(a.caseNumber.replace('RA-', 'AZRC-'));
    // The business gauge: transfers expected today per crossing point, recounted from the store with the clock's date.
    clock.set('2026-11-20T08:00:00+04:00');
    const gauge = service.app.get(TransfersExpectedTodayGauge);
    const todayAtGyd = (await gauge.refresh()).get('GYD') ?? 0;
    expect(todayAtGyd).toBeGreaterThanOrEqual(1);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toContain(
      `transfer_transfers_expected_today{crossing_point="GYD"} ${todayAtGyd}`,
    );
    clock.set('2026-11-21T08:00:00+04:00');
    expect((await gauge.refresh()).get('GYD') ?? 0).toBeLessThan(todayAtGyd);
    clock.set('2026-11-17T10:00:00+04:00');

    const person = (ref: string, body: unknown, role: Role = 'border-officer') => post(`/transfers/DE/${tr}/persons/${ref}`, role, body);
    expect((await person(a.reference, { arrived: true }, 'officer')).status).toBe(403);
    expect((await person(a.reference, { arrived: true })).status).toBe(400); // identity and document not checked
    expect((await person(a.reference, { arrived: true, identityChecked: true, documentChecked: true })).status).toBe(201);
    expect((await person(a.reference, { arrived: false })).status).toBe(409); // recorded once
    expect((await person(b.reference, { arrived: false, note: 'not on the flight' })).status).toBe(201);
    const closed = await post(`/transfers/DE/${tr}/close`, 'border-officer', {});
    expect(closed.status).toBe(200);
    expect(await closed.json()).toEqual({ transferReference: tr, handedOver: [a.reference], notArrived: [b.reference] });
    expect((await post(`/transfers/DE/${tr}/close`, 'border-officer', {})).status).toBe(409);

    const [completed] = await repliesFor(tr, 'readmission.transfer.completed.v1');
    expect(completed.payload).toEqual({ transferReference: tr, handedOver: [a.reference], notArrived: [b.reference] });
    const [arrived] = await arrivals.waitFor((r) => r.key?.toString() === a.caseNumber);
    expect(arrivals.json(arrived)).toMatchObject({
      caseNumber: a.caseNumber,
      transferReference: tr,
      borderCrossingPoint: 'GYD',
      person: { surname: national.person.surname },
      unaccompaniedMinor: false,
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(arrivals.records.filter((r) => r.key?.toString() === b.caseNumber)).toHaveLength(0);
    expect(arrivals.records.filter((r) => r.key?.toString() === a.caseNumber)).toHaveLength(1);

    expect(await stored('accepted-cases', a.caseNumber)).toMatchObject({ status: 'transferred' });
    expect((await stored('accepted-cases', b.caseNumber))?.currentTransfer).toBeUndefined(); // free for a new notice
    const detail = (await (await api(`/transfers/DE/${tr}`, 'auditor')).json()) as {
      status: string;
      manifest: unknown[];
      audit: { action: string }[];
    };
    expect(detail.status).toBe('completed');
    expect(detail.manifest).toHaveLength(3);
    expect(detail.audit.map((e) => e.action).sort()).toEqual(['handover-person-recorded', 'handover-person-recorded', 'transfer-closed']);
  });

  it('lets a border officer list, record and close only at the crossing points in the token; reads of arrivals are audited with their purpose; oversight reads and changes nothing', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [a] = await accept('DE', '2026-11-16T10:00:00+04:00');
    clock.set('2026-11-17T10:00:00+04:00');
    const tr = `TR-${run}-ACCESS`;
    await notify('DE', tr, [a.reference], '2026-11-20T16:40:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    const as = async (subject: string, roles: Role[], crossingPoints: string[] | undefined, path: string, init: RequestInit = {}) => {
      const token = await mintDevToken(devKeyFile, { subject, roles, crossingPoints });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) };
      return fetch(`${service.url}${path}`, { ...init, headers });
    };
    const arrivals = '/border/arrivals?borderCrossingPoint=GYD&date=2026-11-20';
    const person = `/transfers/DE/${tr}/persons/${a.reference}`;
    const arrived = JSON.stringify({ arrived: true, identityChecked: true, documentChecked: true });

    // At Astara only (or with no claim at all): nothing at Heydar Aliyev airport, neither read nor work.
    for (const points of [['AST'], undefined]) {
      expect((await as('bo-astara', ['border-officer'], points, arrivals)).status).toBe(403);
      expect((await as('bo-astara', ['border-officer'], points, `/transfers/DE/${tr}`)).status).toBe(403);
      expect((await as('bo-astara', ['border-officer'], points, '/transfers?borderCrossingPoint=GYD')).status).toBe(403);
      const listed = (await (await as('bo-astara', ['border-officer'], points, '/transfers?date=2026-11-20')).json()) as {
        borderCrossingPoint: string;
      }[];
      expect(listed.filter((t) => t.borderCrossingPoint !== 'AST')).toEqual([]);
      expect((await as('bo-astara', ['border-officer'], points, person, { method: 'POST', body: arrived })).status).toBe(403);
      expect((await as('bo-astara', ['border-officer'], points, `/transfers/DE/${tr}/close`, { method: 'POST' })).status).toBe(403);
      const handover = JSON.stringify({ arrived: [a.reference], identityChecked: true, documentChecked: true });
      expect(
        (await as('bo-astara', ['border-officer'], points, `/transfers/DE/${tr}/handover`, { method: 'POST', body: handover })).status,
      ).toBe(403);
    }
    // Oversight reads everything (with a purpose) and changes nothing.
    expect((await as('ov-1', ['oversight'], undefined, `${arrivals}&purpose=inspection%20of%20GYD`)).status).toBe(200);
    expect((await as('ov-1', ['oversight'], undefined, person, { method: 'POST', body: arrived })).status).toBe(403);
    // An auditor must say why; the header does as well as the parameter.
    const missing = await as('au-1', ['auditor'], undefined, arrivals);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/purpose is required/);
    expect((await as('au-1', ['auditor'], undefined, arrivals, { headers: { 'x-purpose': 'complaint 2026/17' } })).status).toBe(200);

    // At the airport: the list holds the person, the arrival is recorded, the transfer closed.
    const listed = (await (await as('bo-gyd', ['border-officer'], ['GYD', 'AST'], arrivals)).json()) as {
      transfers: { transferReference: string }[];
    };
    expect(listed.transfers.map((t) => t.transferReference)).toContain(tr);
    expect((await as('bo-gyd', ['border-officer'], ['GYD'], `/transfers/DE/${tr}`)).status).toBe(200);
    const onlyMine = (await (await as('bo-gyd', ['border-officer'], ['GYD'], '/transfers?date=2026-11-20')).json()) as {
      borderCrossingPoint: string;
    }[];
    expect(onlyMine.length).toBeGreaterThan(0);
    expect(onlyMine.every((t) => t.borderCrossingPoint === 'GYD')).toBe(true);
    expect((await as('bo-gyd', ['border-officer'], ['GYD'], person, { method: 'POST', body: arrived })).status).toBe(201);
    expect((await as('bo-gyd', ['border-officer'], ['GYD'], `/transfers/DE/${tr}/close`, { method: 'POST' })).status).toBe(200);

    // Each read of the list is in the audit trail: who, when, why, which records (refused reads are not reads).
    const reads = (await (
      await api(`/audit-trail?action=personal-data-read&subject=${encodeURIComponent('border-arrivals:GYD:2026-11-20')}`, 'auditor')
    ).json()) as { actor: string; roles: string[]; at: string; reason: string; details: { records: string[]; purposeGiven: boolean } }[];
    const mine = reads.filter((r) => ['ov-1', 'au-1', 'bo-gyd', 'bo-astara'].includes(r.actor));
    // The test's clock stands still: the reads share one instant, so they are compared in the order of the readers' names.
    mine.sort((x, y) => x.actor.localeCompare(y.actor));
    expect(mine.map((r) => [r.actor, r.reason, r.details.purposeGiven])).toEqual([
      ['au-1', 'complaint 2026/17', true],
      ['bo-gyd', 'border-check', false],
      ['ov-1', 'inspection of GYD', true],
    ]);
    expect(mine[1].details.records).toContain(a.caseNumber);
    expect(new Date(mine[1].at).getTime()).toBe(clock.now().getTime());
    // A case page's audit shows what was done, not who read it.
    const page = (await (await api(`/transfers/DE/${tr}`, 'auditor')).json()) as { audit: { action: string }[] };
    expect(page.audit.map((e) => e.action)).not.toContain('personal-data-read');
  });

  it('requires the minimum notice in Azerbaijani working days, over the non-working days of 9 and 10 November', async () => {
    clock.set('2026-11-02T10:00:00+04:00');
    const [a, b] = await accept('NO', '2026-11-02T10:00:00+04:00', {}, 2);
    clock.set('2026-11-05T10:00:00+04:00');
    // Received Thursday 5 Nov: Fri 6 (1), Mon 9 and Tue 10 off, Wed 11 (2), Thu 12 (3).
    const late = `TR-${run}-LATE`;
    await notify('NO', late, [a.reference], '2026-11-11T10:00:00+04:00', 'GYD', '2026-11-05T10:00:00+04:00');
    const [refused] = await repliesFor(late, 'readmission.transfer.refused.v1');
    expect(refused.payload).toEqual({
      transferReference: late,
      reasons: [{ code: 'notice-too-late', message: expect.stringContaining(`${a.reference}: `) }],
    });
    const exact = `TR-${run}-EXACT`;
    await notify('NO', exact, [a.reference, b.reference], '2026-11-12T09:00:00+04:00', 'GYD', '2026-11-05T10:00:00+04:00');
    const [confirmed] = await repliesFor(exact, 'readmission.transfer.confirmed.v1');
    expect(confirmed.payload).toMatchObject({ partnerReferences: [a.reference, b.reference] });
    // An unknown crossing point refuses everyone.
    const [c] = await accept('NO', '2026-11-02T10:00:00+04:00');
    const nowhere = `TR-${run}-NOWHERE`;
    await notify('NO', nowhere, [c.reference], '2026-11-12T09:00:00+04:00', 'XYZ', '2026-11-05T10:00:00+04:00');
    const [unknown] = await repliesFor(nowhere, 'readmission.transfer.refused.v1');
    // The refusal names the article (NO-AZ's advance notice, from the case's rulebook), the points that exist and that
    // the list of points is an arrangement of Azerbaijan, not a rule of the agreement.
    const noticeRule = rulebook.agreement('NO-AZ').timeLimits.advanceNotice;
    expect(unknown.payload).toMatchObject({
      reasons: [
        {
          code: 'unknown-crossing-point',
          message: expect.stringContaining(`XYZ is not a border crossing point Azerbaijan receives transfers at (those it does: GYD`),
        },
      ],
    });
    const message = (unknown.payload.reasons as { message: string }[])[0].message;
    expect(message).toContain(
      `The advance notice of a transfer names its date and the border crossing point (NO-AZ, ${noticeRule.source}, ${noticeRule.status})`,
    );
    expect(message).toMatch(/not a rule of the agreement: notify the transfer again at one of them$/);
  });

  it("books a crossing point's capacity per person and day; a cancellation frees it", async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [a, b, c] = await accept('DE', '2026-11-16T10:00:00+04:00', {}, 3);
    clock.set('2026-11-20T10:00:00+04:00');
    // AST takes 2 persons on 26 Nov (the crossing-points version loaded before the start).
    const first = `TR-${run}-CAP1`;
    await notify('DE', first, [a.reference, b.reference, c.reference], '2026-11-26T11:00:00+04:00', 'AST', '2026-11-20T10:00:00+04:00');
    const [confirmed] = await repliesFor(first, 'readmission.transfer.confirmed.v1');
    expect(confirmed.payload).toMatchObject({ partnerReferences: [a.reference, b.reference] });
    const [refused] = await repliesFor(first, 'readmission.transfer.refused.v1');
    expect(refused.payload).toMatchObject({ reasons: [{ code: 'capacity-exhausted', message: expect.stringContaining(c.reference) }] });
    const noticeRule = rulebook.agreement('EU-AZ').timeLimits.advanceNotice;
    expect((refused.payload.reasons as { message: string }[])[0].message).toMatch(
      new RegExp(
        `AST has no capacity left on 2026-11-26 \\(2 persons a day\\)\\. The advance notice of a transfer names its date and the border crossing point \\(EU-AZ, ${noticeRule.source}, ${noticeRule.status}\\); the daily capacity of a crossing point is an operational arrangement of Azerbaijan \\(crossing points it-${run}\\), not a rule of the agreement: notify another date or another crossing point`,
      ),
    );
    expect((await (await api('/border/crossing-points?date=2026-11-26', 'officer')).json()) as unknown[]).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'AST', capacity: 2, booked: 2 })]),
    );
    expect(await stored('transfers', `DE:${first}`)).toMatchObject({ crossingPointsVersion: `it-${run}` }); // the version judged with

    const cancel = encodeInternalEvent(
      'readmission.internal.transfer-cancelled.v1',
      {
        partnerCode: 'DE',
        messageId: `cx-${run}`,
        receivedAt: '2026-11-21T10:00:00+04:00',
        cancellation: { transferReference: first, reason: 'flight cancelled' },
      },
      { id: `cx-${run}`, source: 'urn:test', time: '2026-11-21T06:00:00Z' },
    );
    await kafka.send(cancel.topic, [cancel, cancel]); // redelivered: harmless
    await expectEventually(async () => (await stored('transfers', `DE:${first}`))?.status === 'cancelled');
    expect(await db().collection('capacity-slots').countDocuments({ point: 'AST', date: '2026-11-26' })).toBe(0);

    const second = `TR-${run}-CAP2`;
    await notify('DE', second, [c.reference], '2026-11-26T11:00:00+04:00', 'AST', '2026-11-21T09:00:00+04:00');
    const [again] = await repliesFor(second, 'readmission.transfer.confirmed.v1');
    expect(again.payload).toMatchObject({ partnerReferences: [c.reference] });

    // A cancellation that overtakes its notice (they travel on different topics) still wins: nothing is booked.
    const [d] = await accept('DE', '2026-11-16T10:00:00+04:00');
    const third = `TR-${run}-CAP3`;
    const early = encodeInternalEvent(
      'readmission.internal.transfer-cancelled.v1',
      {
        partnerCode: 'DE',
        messageId: `cx3-${run}`,
        receivedAt: '2026-11-21T11:00:00+04:00',
        cancellation: { transferReference: third, reason: 'person absconded' },
      },
      { id: `cx3-${run}`, source: 'urn:test', time: '2026-11-21T07:00:00Z' },
    );
    await kafka.send(early.topic, [early]);
    await expectEventually(
      async () =>
        (await db()
          .collection('transfer-cancellations')
          .countDocuments({ _id: `DE:${third}` as never })) === 1,
    );
    await notify('DE', third, [d.reference], '2026-11-27T11:00:00+04:00', 'GYD', '2026-11-21T10:30:00+04:00');
    await new Promise((r) => setTimeout(r, 2000));
    expect(replies.records.filter((r) => r.key?.toString() === third)).toHaveLength(0);
    expect(
      await db()
        .collection('capacity-slots')
        .countDocuments({ transferId: `DE:${third}` }),
    ).toBe(0);

    // A new version loaded meanwhile (AST closed on 27 Nov) applies without a restart to arrivals from its start.
    await loadCrossingPoints(`it-${run}-b`, { ...CAPACITY, AST: { date: '2026-11-27', value: 0 } }, '2026-11-21T12:00:00+04:00');
    const [e] = await accept('DE', '2026-11-16T10:00:00+04:00');
    const fourth = `TR-${run}-CAP4`;
    await notify('DE', fourth, [e.reference], '2026-11-27T11:00:00+04:00', 'AST', '2026-11-21T13:00:00+04:00');
    const [closed] = await repliesFor(fourth, 'readmission.transfer.refused.v1');
    expect(closed.payload).toMatchObject({
      reasons: [{ code: 'capacity-exhausted', message: expect.stringContaining('(0 persons a day)') }],
    });
    expect(await stored('transfers', `DE:${fourth}`)).toMatchObject({ crossingPointsVersion: `it-${run}-b` });
  });

  /** A cancellation as intake routes it, received (broker time) at `receivedAt`. */
  const cancelTransfer = async (partner: string, transferReference: string, receivedAt: string) => {
    const messageId = randomUUID();
    const event = encodeInternalEvent(
      'readmission.internal.transfer-cancelled.v1',
      { partnerCode: partner, messageId, receivedAt, cancellation: { transferReference, reason: 'plans changed' } },
      { id: messageId, source: 'urn:test', time: receivedAt },
    );
    await kafka.send(event.topic, [event]);
    return messageId;
  };

  it('compares a cancellation and a re-notification of one transfer by their times of receipt, whatever order they are handled in', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [a, b] = await accept('DE', '2026-11-16T10:00:00+04:00', {}, 2);
    clock.set('2026-11-20T12:00:00+04:00');
    // Received: notice 10:00, cancellation 11:00, re-notification 12:00; transfer sees the cancellation last.
    const tr = `TR-${run}-ORDER1`;
    await notify('DE', tr, [a.reference], '2026-11-27T11:00:00+04:00', 'GYD', '2026-11-20T10:00:00+04:00');
    await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    const renotice = await notify('DE', tr, [a.reference], '2026-11-28T11:00:00+04:00', 'GYD', '2026-11-20T12:00:00+04:00');
    await repliesFor(tr, 'readmission.transfer.confirmed.v1', 2);
    const older = await cancelTransfer('DE', tr, '2026-11-20T11:00:00+04:00');
    await expectEventually(async () =>
      ((await stored('transfers', `DE:${tr}`))?.history as { details?: { messageId?: string } }[]).some(
        (h) => h.details?.messageId === older,
      ),
    );
    // The newer notice stands: still confirmed, its person booked and holding a place.
    expect(await stored('transfers', `DE:${tr}`)).toMatchObject({
      status: 'confirmed',
      noticeId: JSON.parse(renotice.value!.toString()).noticeId,
    });
    expect((await stored('accepted-cases', a.caseNumber))?.currentTransfer).toBe(`DE:${tr}`);
    expect(
      await db()
        .collection('capacity-slots')
        .countDocuments({ transferId: `DE:${tr}` }),
    ).toBe(1);

    // Received: notice 10:00, re-notification 11:00, cancellation 12:00; transfer sees the re-notification last.
    const tr2 = `TR-${run}-ORDER2`;
    await notify('DE', tr2, [b.reference], '2026-11-27T11:00:00+04:00', 'GYD', '2026-11-20T10:00:00+04:00');
    await repliesFor(tr2, 'readmission.transfer.confirmed.v1');
    await cancelTransfer('DE', tr2, '2026-11-20T12:00:00+04:00');
    await expectEventually(async () => (await stored('transfers', `DE:${tr2}`))?.status === 'cancelled');
    const stale = await notify('DE', tr2, [b.reference], '2026-11-28T11:00:00+04:00', 'GYD', '2026-11-20T11:00:00+04:00');
    const staleId = JSON.parse(stale.value!.toString()).noticeId as string;
    await expectEventually(
      async () =>
        (await db()
          .collection('inbox')
          .countDocuments({ _id: `transfer.transfer-notified:${staleId}` as never })) === 1,
    );
    await new Promise((r) => setTimeout(r, 1000));
    // The cancellation is newer than that notice: nothing is booked, and the partner is not told of a confirmation.
    expect(await stored('transfers', `DE:${tr2}`)).toMatchObject({ status: 'cancelled' });
    expect((await stored('accepted-cases', b.caseNumber))?.currentTransfer).toBeUndefined();
    expect(
      await db()
        .collection('capacity-slots')
        .countDocuments({ transferId: `DE:${tr2}` }),
    ).toBe(0);
    expect(await repliesFor(tr2, 'readmission.transfer.confirmed.v1')).toHaveLength(1);
  });

  it('books a person on one transfer at most, also when two notices for different transfers are handled at the same time', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [a] = await accept('DE', '2026-11-16T10:00:00+04:00');
    clock.set('2026-11-20T10:00:00+04:00');
    const judge = service.app.get(JudgeTransferNotice);
    const noticeFor = (transferReference: string) => {
      const noticeId = randomUUID();
      const payload = {
        partnerCode: 'DE',
        noticeId,
        receivedAt: '2026-11-20T10:00:00+04:00',
        notice: {
          transferReference,
          partnerReferences: [a.reference],
          plannedArrival: '2026-11-27T11:00:00+04:00',
          borderCrossingPoint: 'GYD',
          transport: { mode: 'air' as const },
        },
      };
      const envelope = { id: noticeId, type: 'readmission.internal.transfer-notified.v1', source: 'urn:test', time: payload.receivedAt };
      return { envelope, key: transferReference, payload };
    };
    const [x, y] = [`TR-${run}-TWICE-X`, `TR-${run}-TWICE-Y`];
    await Promise.all([judge.execute(noticeFor(x)), judge.execute(noticeFor(y))]);
    const confirmedOn: string[] = [];
    for (const tr of [x, y]) if ((await stored('transfers', `DE:${tr}`))?.status === 'confirmed') confirmedOn.push(tr);
    expect(confirmedOn).toHaveLength(1);
    const [other] = [x, y].filter((tr) => tr !== confirmedOn[0]);
    const [refused] = await repliesFor(other, 'readmission.transfer.refused.v1');
    expect(refused.payload).toEqual({
      transferReference: other,
      reasons: [{ code: 'already-notified', message: `${a.reference}: already booked on transfer ${confirmedOn[0]}` }],
    });
    expect(await db().collection('capacity-slots').countDocuments({ caseNumber: a.caseNumber })).toBe(1);
    expect(await stored('person-bookings', a.caseNumber)).toMatchObject({ transferId: `DE:${confirmedOn[0]}` });
  });

  it('reissues a travel document that would expire before the arrival, tells the partner, then confirms', async () => {
    clock.set('2026-09-01T10:00:00+04:00');
    const [a] = await accept('DE', '2026-09-01T10:00:00+04:00');
    const [first] = await repliesFor(a.reference, 'readmission.travel-document.issued.v1');
    expect(first.payload).toMatchObject({ validFrom: '2026-09-01', validUntil: '2026-11-29' });
    clock.set('2026-11-24T10:00:00+04:00');
    const tr = `TR-${run}-REISSUE`;
    await notify('DE', tr, [a.reference], '2026-11-30T10:00:00+04:00', 'GYD', '2026-11-24T10:00:00+04:00');
    const [confirmed] = await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    expect(confirmed.payload).toMatchObject({ partnerReferences: [a.reference] });
    const issued = await repliesFor(a.reference, 'readmission.travel-document.issued.v1', 2);
    expect(issued.map((r) => r.payload.documentNumber)).toEqual(expect.arrayContaining([`${a.caseNumber.replace('RA-', 'AZRC-')}-2`]));
    expect(issued.find((r) => String(r.payload.documentNumber).endsWith('-2'))?.payload).toMatchObject({
      validFrom: '2026-11-24',
      validUntil: '2027-02-21',
    });
  });

  it.each(EACH_AGREEMENT)(
    '%s: refuses a re-notification past what a new travel document would cover without issuing one, and reissues only a document that covers the arrival',
    async (agreement, partner) => {
      clock.set('2026-09-01T10:00:00+04:00');
      const [c] = await accept(partner, '2026-09-01T10:00:00+04:00');
      await repliesFor(c.reference, 'readmission.travel-document.issued.v1'); // valid until 29 Nov
      clock.set('2026-11-24T10:00:00+04:00');
      // The transfer time limit extended while an obstacle lasts (CH-AZ Art. 8(4); the EU model for the others, 2026.2).
      expect(
        (await post(`/accepted-cases/${c.caseNumber}/transfer-extension`, 'officer', { until: '2027-04-30', reason: 'appeal pending' }))
          .status,
      ).toBe(200);
      const late = `TR-${run}-PASTDOC-${partner}`;
      await notify(partner, late, [c.reference], '2027-03-01T10:00:00+04:00', 'GYD', '2026-11-24T10:00:00+04:00');
      const [refused] = await repliesFor(late, 'readmission.transfer.refused.v1');
      expect(refused.payload).toMatchObject({
        reasons: [
          {
            code: 'travel-document-expires',
            message: expect.stringMatching(
              new RegExp(
                `valid until 2026-11-29, before the arrival on 2027-03-01; a new one issued now would be valid only until 2027-02-21 .*${agreement}.*notify an arrival on or before 2027-02-21`,
              ),
            ),
          },
        ],
      });
      expect((await stored('accepted-cases', c.caseNumber))?.travelDocuments).toHaveLength(1); // no second document that changes nothing
      const again = `TR-${run}-COVERED-${partner}`;
      await notify(partner, again, [c.reference], '2027-02-20T10:00:00+04:00', 'GYD', '2026-11-24T10:00:00+04:00');
      await repliesFor(again, 'readmission.transfer.confirmed.v1');
      const docs = (await stored('accepted-cases', c.caseNumber))?.travelDocuments as { validUntil: string }[];
      expect(docs.map((d) => d.validUntil)).toEqual(['2026-11-29', '2027-02-21']);
    },
  );

  it('lapses an acceptance withdrawn by the partner: the travel document is cancelled, the border list says why, and notices for the person are refused with the reason', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [w, stays] = await accept('DE', '2026-11-16T10:00:00+04:00', {}, 2);
    await repliesFor(w.reference, 'readmission.travel-document.issued.v1');
    clock.set('2026-11-17T10:00:00+04:00');
    const tr = `TR-${run}-WITHDRAWN`;
    await notify('DE', tr, [w.reference, stays.reference], '2026-11-20T11:00:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    const lapsed = lapse(w, 'DE', '2026-11-18T09:00:00+04:00', `wd-${run}`);
    await kafka.send(lapsed.topic, [lapsed, lapsed]); // redelivered: applied once
    const [answer] = await repliesFor(w.reference, 'readmission.application.withdrawal-confirmed.v1');
    const document = w.caseNumber.replace('RA-', 'AZRC-');
    expect(answer.payload).toEqual({
      partnerReference: w.reference,
      caseNumber: w.caseNumber,
      stage: 'after-acceptance',
      effect: `The acceptance of 2026-11-16 has lapsed; return certificate ${document} is cancelled; transfer notices for this person will be refused.`,
      cancelledDocuments: [document],
      withdrawnAt: '2026-11-18T09:00:00+04:00',
    });
    expect(await stored('accepted-cases', w.caseNumber)).toMatchObject({
      status: 'withdrawn',
      withdrawal: { cancelledDocuments: [document] },
    });
    expect(await stored('accepted-cases', w.caseNumber)).not.toHaveProperty('currentTransfer');
    expect(
      await db()
        .collection('capacity-slots')
        .countDocuments({ transferId: `DE:${tr}`, caseNumber: w.caseNumber }),
    ).toBe(0);
    const list = (await (await api('/border/arrivals?borderCrossingPoint=GYD&date=2026-11-20', 'border-officer')).json()) as {
      transfers: { transferReference: string; persons: { partnerReference: string; doNotReceive?: string }[] }[];
    };
    const persons = list.transfers.find((t) => t.transferReference === tr)?.persons ?? [];
    expect(persons.find((p) => p.partnerReference === w.reference)?.doNotReceive).toMatch(
      new RegExp(`application withdrawn on 2026-11-18: .*${document} is cancelled`),
    );
    expect(persons.find((p) => p.partnerReference === stays.reference)?.doNotReceive).toBeUndefined();
    const again = `TR-${run}-WITHDRAWN-2`;
    await notify('DE', again, [w.reference], '2026-11-25T11:00:00+04:00', 'GYD', '2026-11-18T10:00:00+04:00');
    const [refused] = await repliesFor(again, 'readmission.transfer.refused.v1');
    expect(refused.payload).toEqual({
      transferReference: again,
      reasons: [
        {
          code: 'application-withdrawn',
          message: expect.stringMatching(
            /withdrawn on 2026-11-18: the acceptance has lapsed; travel document .* is cancelled\. .*\(EU-AZ, .*\): a transfer of the person needs a new application$/,
          ),
        },
      ],
    });
    expect(
      replies.records.filter(
        (r) =>
          replies.json<Reply>(r).messageType === 'readmission.application.withdrawal-confirmed.v1' &&
          replies.json<Reply>(r).recordKey === w.reference,
      ),
    ).toHaveLength(1);
  });

  it.each(EACH_AGREEMENT)(
    "%s: not-accepted and application-withdrawn name the article a transfer rests on (the lapsed case's rulebook; for no case, the partner's agreement in the rulebook at receipt)",
    async (agreement, partner) => {
      clock.set('2026-12-01T10:00:00+04:00');
      const [w] = await accept(partner, '2026-12-01T10:00:00+04:00');
      const lapsed = lapse(w, partner, '2026-12-01T12:00:00+04:00', `wd-art-${run}-${partner}`);
      await kafka.send(lapsed.topic, [lapsed]);
      await repliesFor(w.reference, 'readmission.application.withdrawal-confirmed.v1');
      clock.set('2026-12-02T10:00:00+04:00');
      const tr = `TR-${run}-ART-${partner}`;
      const never = `NEVER-${run}-${partner}`;
      await notify(partner, tr, [w.reference, never], '2026-12-10T11:00:00+04:00', 'GYD', '2026-12-02T10:00:00+04:00');
      const [refused] = await repliesFor(tr, 'readmission.transfer.refused.v1');
      const limit = rulebook.agreement(agreement).timeLimits.transfer;
      const article = `within 3 months of the acceptance (${agreement}, ${limit.source}, ${limit.status})`;
      expect(refused.payload).toEqual({
        transferReference: tr,
        reasons: [
          {
            code: 'application-withdrawn',
            message: expect.stringContaining(
              `the acceptance has lapsed; travel document ${w.caseNumber.replace('RA-', 'AZRC-')} is cancelled. A transfer is agreed for a person whose readmission application Azerbaijan accepted (or is deemed to have accepted), ${article}; an acceptance lapses when the application is withdrawn`,
            ),
          },
          {
            code: 'not-accepted',
            message: expect.stringContaining(
              `${never}: no application with this reference has been accepted by Azerbaijan. A transfer is agreed for a person whose readmission application Azerbaijan accepted (or is deemed to have accepted), ${article} (rulebook ${rulebook.version})`,
            ),
          },
        ],
      });
    },
  );

  it('names the article of a rulebook version loaded at run time (reference data) for a notice received while it is in effect', async () => {
    const version = `it-${run}`;
    const data = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])) as RulebookData;
    Object.assign(data, { version, effectiveFrom: '2028-01-01T00:00:00+04:00' });
    const ch = data.agreements.find((a) => a.code === 'CH-AZ') as RulebookData['agreements'][number];
    ch.timeLimits.transfer = { ...ch.timeLimits.transfer, value: 4, source: 'CH-AZ Art. 8(4) (a version loaded by this test)' };
    await loadVersion('rulebook', version, data, data.effectiveFrom);
    clock.set('2028-01-05T10:00:00+04:00');
    const tr = `TR-${run}-ART-LOADED`;
    await notify('CH', tr, [`NEVER-${run}-LOADED`], '2028-01-20T11:00:00+04:00', 'GYD', '2028-01-05T10:00:00+04:00');
    const [refused] = await repliesFor(tr, 'readmission.transfer.refused.v1');
    expect(refused.payload).toMatchObject({
      reasons: [
        {
          code: 'not-accepted',
          message: expect.stringContaining(
            `within 4 months of the acceptance (CH-AZ, CH-AZ Art. 8(4) (a version loaded by this test), verified) (rulebook ${version})`,
          ),
        },
      ],
    });
    clock.set('2026-11-16T10:00:00+04:00');
  });

  it('answers a withdrawal after the handover: nothing changes, the partner is told it came after the transfer', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [h] = await accept('ME', '2026-11-16T10:00:00+04:00');
    clock.set('2026-11-17T10:00:00+04:00');
    const tr = `TR-${run}-HANDED`;
    await notify('ME', tr, [h.reference], '2026-11-20T11:00:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    clock.set('2026-11-20T12:00:00+04:00');
    const arrived = { arrived: true, identityChecked: true, documentChecked: true };
    expect((await post(`/transfers/ME/${tr}/persons/${h.reference}`, 'border-officer', arrived)).status).toBe(201);
    expect((await post(`/transfers/ME/${tr}/close`, 'border-officer', {})).status).toBe(200);
    const lapsed = lapse(h, 'ME', '2026-11-21T09:00:00+04:00', `wd-after-${run}`, 'sent by mistake');
    await kafka.send(lapsed.topic, [lapsed, lapsed]); // redelivered: answered once
    const [answer] = await repliesFor(h.reference, 'readmission.application.withdrawal-confirmed.v1');
    expect(answer.payload).toMatchObject({ caseNumber: h.caseNumber, stage: 'after-transfer', cancelledDocuments: [] });
    expect(await stored('accepted-cases', h.caseNumber)).toMatchObject({ status: 'transferred' });
    clock.set('2026-11-16T10:00:00+04:00');
  });

  /** The lapse of an acceptance withdrawn by the partner, as verification sends it. */
  const lapse = (
    c: { caseNumber: string; reference: string },
    partner: string,
    withdrawnAt: string,
    withdrawalMessageId: string,
    reason = 'the person left voluntarily',
    id: string = randomUUID(),
  ) =>
    encodeInternalEvent(
      'readmission.internal.acceptance-lapsed.v1',
      { caseNumber: c.caseNumber, partnerCode: partner, partnerReference: c.reference, reason, withdrawnAt, withdrawalMessageId },
      { id, source: 'urn:test', time: new Date(withdrawnAt).toISOString(), subject: c.caseNumber },
    );
  /** A remedy stated pending or lifted by the partner, as intake routes it (interface 1.1). */
  const remedy = (
    c: { caseNumber: string; reference: string },
    state: 'pending' | 'lifted',
    kind: string,
    date: string,
    receivedAt: string,
    partner = 'DE',
  ) =>
    encodeInternalEvent(
      'readmission.internal.remedy-changed.v1',
      {
        caseNumber: c.caseNumber,
        partnerCode: partner,
        partnerReference: c.reference,
        messageId: randomUUID(),
        receivedAt,
        state,
        kind: kind as 'appeal',
        date,
        ...(state === 'pending' ? { authority: 'Verwaltungsgericht Berlin' } : {}),
      },
      { id: randomUUID(), source: 'urn:test', time: receivedAt, subject: c.caseNumber },
    );
  const send = async (e: ReturnType<typeof remedy>) => kafka.send(e.topic, [e]);

  it.each(EACH_AGREEMENT)(
    '%s: a pending remedy keeps the transfer time limit from running out and extends it by the days it stood; lifted, the limit runs again (around a transfer notice)',
    async (agreement, partner) => {
      clock.set('2026-09-01T10:00:00+04:00');
      // Accepted on 1 September: transfer within 3 months, by 1 December.
      const [c, other] = await accept(partner, '2026-09-01T10:00:00+04:00', {}, 2);
      expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ transferDueBy: new Date('2026-12-01T23:59:59+04:00') });
      for (const x of [c, other])
        await send(remedy(x, 'pending', 'asylum-application', '2026-11-20', '2026-11-20T10:00:00+04:00', partner));
      await expectEventually(
        async () =>
          (await db()
            .collection('remedy-holds')
            .countDocuments({ caseNumber: { $in: [c.caseNumber, other.caseNumber] } })) === 2,
      );
      const deadlines = service.app.get(SweepTransferTimeLimits);
      clock.set('2026-12-05T10:00:00+04:00'); // past 1 December, the remedy standing: not expired
      await deadlines.sweep();
      expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
      expect(await stored('accepted-cases', other.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
      const during = `TR-${run}-OBST-${partner}-1`;
      await notify(partner, during, [c.reference], '2026-12-15T10:00:00+04:00', 'GYD', '2026-12-05T10:00:00+04:00');
      const [refused] = await repliesFor(during, 'readmission.transfer.refused.v1');
      const extension = rulebook.agreement(agreement).rules.transferExtension;
      expect(refused.payload).toMatchObject({
        reasons: [
          {
            code: 'remedy-pending',
            message: expect.stringContaining(
              `the transfer time limit is extended by the days it stands (${agreement}, ${extension.source}, ${extension.status})`,
            ),
          },
        ],
      });

      // Lifted on 10 December: it stood 20 days, the limit moves from 1 to 21 December.
      const lifted = [c, other].map((x) => remedy(x, 'lifted', 'asylum-application', '2026-12-10', '2026-12-10T10:00:00+04:00', partner));
      for (const e of lifted) await send(e);
      await expectEventually(
        async () => ((await stored('accepted-cases', c.caseNumber))?.obstacles as unknown[] | undefined)?.length === 1,
      );
      await expectEventually(
        async () => ((await stored('accepted-cases', other.caseNumber))?.obstacles as unknown[] | undefined)?.length === 1,
      );
      expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({
        transferDueBy: new Date('2026-12-21T23:59:59+04:00'),
        obstacles: [{ kind: 'asylum-application', from: '2026-11-20', until: '2026-12-10' }],
      });
      // The partner is told the new limit (interface 1.1), once per lifted obstacle, answering the lifting message.
      const [told] = await repliesFor(c.reference, 'readmission.transfer.time-limit-extended.v1');
      expect(told.payload).toEqual({
        partnerReference: c.reference,
        caseNumber: c.caseNumber,
        transferDueBy: '2026-12-21T23:59:59+04:00',
        previousDueBy: '2026-12-01T23:59:59+04:00',
        cause: 'obstacle-lifted',
        reason: `The asylum application standing from 2026-11-20 to 2026-12-10 was a legal obstacle to the transfer: the transfer time limit is extended by the 20 days it stood after the acceptance, from 2026-12-01 to 2026-12-21 (${agreement}, ${extension.source}, ${extension.status}). Notify the transfer for an arrival on or before 2026-12-21.`,
      });
      await send(lifted[0]); // redelivered: counted and told once (checked at the end)
      const detail = (await (await api(`/accepted-cases/${c.caseNumber}`, 'auditor')).json()) as {
        audit: { action: string; reason: string }[];
      };
      expect(detail.audit).toContainEqual(
        expect.objectContaining({
          action: 'transfer-time-limit-extended-for-obstacle',
          reason: expect.stringContaining(`extended by 20 days to 2026-12-21 (${agreement}`),
        }),
      );
      // Notified again after the lifting, for an arrival after the original limit and within the extended one: confirmed.
      const after = `TR-${run}-OBST-${partner}-2`;
      await notify(partner, after, [c.reference], '2026-12-18T10:00:00+04:00', 'GYD', '2026-12-10T12:00:00+04:00');
      await repliesFor(after, 'readmission.transfer.confirmed.v1');
      // The limit runs again: the person not notified expires once the extended limit has passed, not before.
      clock.set('2026-12-21T12:00:00+04:00');
      await deadlines.sweep();
      expect(await stored('accepted-cases', other.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
      clock.set('2026-12-22T00:00:01+04:00');
      await deadlines.sweep();
      expect(await stored('accepted-cases', other.caseNumber)).toMatchObject({ status: 'expired' });
      expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({
        status: 'awaiting-transfer',
        currentTransfer: `${partner}:${after}`,
      });
      for (const x of [c, other]) expect(sentSoFar(x.reference, 'readmission.transfer.time-limit-extended.v1')).toHaveLength(1);
    },
  );

  it('under rulebook 2026.1 (EU-AZ: no extension) a pending remedy still keeps the case from expiring while it stands; lifted, the original limit applies', async () => {
    clock.set('2026-09-01T10:00:00+04:00');
    const [c] = await accept(
      'DE',
      '2026-09-01T10:00:00+04:00',
      {},
      1,
      Rulebook.from(SHIPPED_RULEBOOKS.find((r) => r.version === '2026.1')!),
    );
    await send(remedy(c, 'pending', 'appeal', '2026-11-20', '2026-11-20T10:00:00+04:00'));
    await expectEventually(async () => (await db().collection('remedy-holds').countDocuments({ caseNumber: c.caseNumber })) === 1);
    const deadlines = service.app.get(SweepTransferTimeLimits);
    clock.set('2026-12-05T10:00:00+04:00');
    await deadlines.sweep();
    expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
    await send(remedy(c, 'lifted', 'appeal', '2026-12-10', '2026-12-10T10:00:00+04:00'));
    await expectEventually(async () => ((await stored('accepted-cases', c.caseNumber))?.obstacles as unknown[] | undefined)?.length === 1);
    expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ transferDueBy: new Date('2026-12-01T23:59:59+04:00') });
    clock.set('2026-12-10T12:00:00+04:00');
    await deadlines.sweep();
    expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ status: 'expired' });
    // The limit did not move: the partner is told no new limit.
    expect(sentSoFar(c.reference, 'readmission.transfer.time-limit-extended.v1')).toHaveLength(0);
  });

  it('keeps a lapse of an acceptance that overtakes the acceptance, applies it when the acceptance arrives, answers the partner and refuses later notices', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const w = nextCase();
    const lapsed = lapse(w, 'DE', '2026-11-16T11:00:00+04:00', `wd-early-${run}`, undefined, `lapse-${w.caseNumber}`);
    await kafka.send(lapsed.topic, [lapsed, lapsed]); // redelivered: kept once
    await expectEventually(
      async () => (await stored('inbox', `transfer.acceptance-lapsed:lapse-${w.caseNumber}`))?.state === 'done', // handled, not failed
    );
    await accept('DE', '2026-11-16T10:00:00+04:00', {}, 1, rulebook, [w]);
    const [answer] = await repliesFor(w.reference, 'readmission.application.withdrawal-confirmed.v1');
    const document = w.caseNumber.replace('RA-', 'AZRC-');
    expect(answer.payload).toMatchObject({
      stage: 'after-acceptance',
      cancelledDocuments: [document],
      withdrawnAt: '2026-11-16T11:00:00+04:00',
    });
    expect(await stored('accepted-cases', w.caseNumber)).toMatchObject({ status: 'withdrawn' });
    clock.set('2026-11-17T10:00:00+04:00');
    const tr = `TR-${run}-LAPSED-EARLY`;
    await notify('DE', tr, [w.reference], '2026-11-25T11:00:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    const [refused] = await repliesFor(tr, 'readmission.transfer.refused.v1');
    expect(refused.payload).toMatchObject({
      reasons: [{ code: 'application-withdrawn', message: expect.stringContaining('withdrawn on 2026-11-16') }],
    });
    // A second withdrawal (another message) is answered too, and changes nothing.
    const again = encodeInternalEvent(
      'readmission.internal.acceptance-lapsed.v1',
      { ...JSON.parse(lapsed.value), withdrawalMessageId: `wd-again-${run}`, withdrawnAt: '2026-11-17T11:00:00+04:00' },
      { id: `lapse-again-${w.caseNumber}`, source: 'urn:test', time: '2026-11-17T07:00:00Z', subject: w.caseNumber },
    );
    await kafka.send(again.topic, [again, again]);
    const answers = await repliesFor(w.reference, 'readmission.application.withdrawal-confirmed.v1', 2);
    expect(answers[1].payload).toMatchObject({
      effect: 'The application was already withdrawn on 2026-11-16; this withdrawal changes nothing.',
    });
    await new Promise((r) => setTimeout(r, 1000));
    const replyIds = replies.records
      .filter((r) => replies.json<Reply>(r).recordKey === w.reference && replies.json<Reply>(r).messageType.includes('withdrawal'))
      .map((r) => replies.json<Reply>(r).replyId);
    expect(new Set(replyIds).size).toBe(2);
  });

  it('confirms no transfer of a person while a remedy stated by the partner stands, says why on the border list, and confirms once it is lifted; protection needs reach the border list', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [held, booked] = await accept(
      'DE',
      '2026-11-16T10:00:00+04:00',
      { assistance: { needed: true, consentGiven: true, details: 'needs insulin on arrival' }, unaccompaniedMinor: true },
      2,
    );
    const holds = () => db().collection('remedy-holds');
    // A transfer confirmed before any remedy, then removal suspended for one of its persons.
    clock.set('2026-11-17T10:00:00+04:00');
    const first = `TR-${run}-REMEDY-1`;
    await notify('DE', first, [booked.reference], '2026-11-23T11:00:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    await repliesFor(first, 'readmission.transfer.confirmed.v1');
    await send(remedy(booked, 'pending', 'removal-suspended', '2026-11-18', '2026-11-18T10:00:00+04:00'));
    await send(remedy(held, 'pending', 'appeal', '2026-11-18', '2026-11-18T10:00:00+04:00'));
    await expectEventually(
      async () => (await holds().countDocuments({ caseNumber: { $in: [held.caseNumber, booked.caseNumber] }, state: 'pending' })) === 2,
    );
    const list = (await (await api('/border/arrivals?borderCrossingPoint=GYD&date=2026-11-23', 'border-officer')).json()) as {
      transfers: {
        transferReference: string;
        persons: { partnerReference: string; doNotReceive?: string; vulnerability: Record<string, unknown> }[];
      }[];
    };
    const person = list.transfers.find((t) => t.transferReference === first)?.persons[0];
    expect(person).toMatchObject({
      partnerReference: booked.reference,
      doNotReceive: expect.stringMatching(/removal is suspended since 2026-11-18 .*no transfer while it stands/),
    });
    expect(person?.vulnerability).toEqual({
      unaccompaniedMinor: true,
      assistanceNeeded: true,
      assistanceDetails: 'needs insulin on arrival',
    });
    // A new notice while the appeal stands: refused with the reason.
    const second = `TR-${run}-REMEDY-2`;
    await notify('DE', second, [held.reference], '2026-11-24T11:00:00+04:00', 'GYD', '2026-11-18T12:00:00+04:00');
    const [refused] = await repliesFor(second, 'readmission.transfer.refused.v1');
    expect(refused.payload).toEqual({
      transferReference: second,
      reasons: [
        {
          code: 'remedy-pending',
          message: expect.stringMatching(/appeal pending since 2026-11-18 \(Verwaltungsgericht Berlin\).*once it is lifted/),
        },
      ],
    });
    // Lifted (an older redelivery of the pending statement changes nothing), then notified again: confirmed.
    await send(remedy(held, 'lifted', 'appeal', '2026-11-19', '2026-11-19T10:00:00+04:00'));
    await expectEventually(async () => (await holds().findOne({ _id: `${held.caseNumber}:appeal` as never }))?.state === 'lifted');
    await send(remedy(held, 'pending', 'appeal', '2026-11-18', '2026-11-18T10:00:00+04:00'));
    await new Promise((r) => setTimeout(r, 1000));
    expect((await holds().findOne({ _id: `${held.caseNumber}:appeal` as never }))?.state).toBe('lifted');
    const third = `TR-${run}-REMEDY-3`;
    await notify('DE', third, [held.reference], '2026-11-25T11:00:00+04:00', 'GYD', '2026-11-19T12:00:00+04:00');
    const [confirmed] = await repliesFor(third, 'readmission.transfer.confirmed.v1');
    expect(confirmed.payload).toMatchObject({ partnerReferences: [held.reference] });
  });

  it('answers a group of 300 per person, and a redelivered notice does not book twice', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const group = await accept('DE', '2026-11-16T10:00:00+04:00', {}, 290);
    clock.set('2026-11-20T10:00:00+04:00');
    const invalid = Array.from({ length: 10 }, (_, i) => `NOPE-${run}-${i}`);
    const references = [...group.slice(0, 150).map((g) => g.reference), ...invalid, ...group.slice(150).map((g) => g.reference)];
    const tr = `TR-${run}-GROUP`;
    const notice = await notify('DE', tr, references, '2026-11-27T09:00:00+04:00', 'BLK', '2026-11-20T10:00:00+04:00');
    const [confirmed] = await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    expect((confirmed.payload.partnerReferences as string[]).sort()).toEqual(group.map((g) => g.reference).sort());
    const [refused] = await repliesFor(tr, 'readmission.transfer.refused.v1');
    const reasons = refused.payload.reasons as { code: string; message: string }[];
    expect(reasons).toHaveLength(10);
    invalid.forEach((ref, i) => expect(reasons[i]).toEqual({ code: 'not-accepted', message: expect.stringContaining(ref) }));
    expect(await db().collection('capacity-slots').countDocuments({ point: 'BLK', date: '2026-11-27' })).toBe(290);

    await kafka.send(notice.topic, [notice]); // redelivery: the same notice id
    await repliesFor(tr, 'readmission.transfer.confirmed.v1', 1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await db().collection('capacity-slots').countDocuments({ point: 'BLK', date: '2026-11-27' })).toBe(290);
    const all = replies.records.filter((r) => replies.json<Reply>(r).recordKey === tr).map((r) => replies.json<Reply>(r).replyId);
    expect(new Set(all).size).toBe(2); // one confirmed, one refused, whatever was repeated
  }, 240_000);

  it('alerts before the transfer time limit, extends it only where the agreement allows, and expires it', async () => {
    clock.set('2026-09-01T10:00:00+04:00');
    // Accepted under rulebook 2026.1, where EU-AZ allows no extension (2026.2: while obstacles last, as CH-AZ).
    const [eu] = await accept(
      'DE',
      '2026-09-01T10:00:00+04:00',
      {},
      1,
      Rulebook.from(SHIPPED_RULEBOOKS.find((r) => r.version === '2026.1')!),
    );
    const [ch] = await accept('CH', '2026-09-01T10:00:00+04:00');
    const deadlines = service.app.get(SweepTransferTimeLimits);
    clock.set('2026-11-20T10:00:00+04:00'); // 11 days before 1 Dec
    await deadlines.sweep();
    expect((await stored('accepted-cases', eu.caseNumber))?.alertsRaised).toEqual([14]);
    await deadlines.sweep();
    expect((await stored('accepted-cases', eu.caseNumber))?.alertsRaised).toEqual([14]); // raised once

    const extend = (caseNumber: string, body: unknown) => post(`/accepted-cases/${caseNumber}/transfer-extension`, 'officer', body);
    const refused = await extend(eu.caseNumber, { until: '2027-01-15', reason: 'no flights to Baku' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain('EU-AZ allows no extension');
    expect(
      (await post(`/accepted-cases/${ch.caseNumber}/transfer-extension`, 'auditor', { until: '2027-01-15', reason: 'x' })).status,
    ).toBe(403);
    const extended = await extend(ch.caseNumber, { until: '2027-01-15', reason: 'appeal pending before the Federal Administrative Court' });
    expect(extended.status).toBe(200);
    expect(await extended.json()).toEqual({ caseNumber: ch.caseNumber, transferDueBy: '2027-01-15T23:59:59+04:00' });
    const chExtension = rulebook.agreement('CH-AZ').rules.transferExtension;
    const [told] = await repliesFor(ch.reference, 'readmission.transfer.time-limit-extended.v1');
    expect(told.payload).toEqual({
      partnerReference: ch.reference,
      caseNumber: ch.caseNumber,
      transferDueBy: '2027-01-15T23:59:59+04:00',
      previousDueBy: '2026-12-01T23:59:59+04:00',
      cause: 'officer-extension',
      reason: `An officer of the State Migration Service extended the transfer time limit from 2026-12-01 to 2027-01-15 for a legal or practical obstacle to the transfer (CH-AZ, ${chExtension.source}, ${chExtension.status}). Notify the transfer for an arrival on or before 2027-01-15.`,
    });

    clock.set('2026-12-02T00:00:01+04:00');
    const results = await Promise.all([deadlines.sweep(), deadlines.sweep()]);
    expect(results.reduce((s, r) => s + r.expired, 0)).toBeGreaterThanOrEqual(1);
    expect(await stored('accepted-cases', eu.caseNumber)).toMatchObject({ status: 'expired' });
    expect(await stored('accepted-cases', ch.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
    expect(await db().collection('deadline-events').countDocuments({ subject: eu.caseNumber, event: 'expired' })).toBe(1);

    const tr = `TR-${run}-LATE-EU`;
    await notify('DE', tr, [eu.reference], '2026-12-10T10:00:00+04:00', 'GYD', '2026-12-02T10:00:00+04:00');
    const [late] = await repliesFor(tr, 'readmission.transfer.refused.v1');
    expect(late.payload).toMatchObject({ reasons: [{ code: 'transfer-time-limit-exceeded' }] });
    const audit = (await (await api(`/accepted-cases/${ch.caseNumber}`, 'auditor')).json()) as {
      audit: { action: string; reason: string }[];
    };
    // The time-limit machine audits the 14-day alert it raised, besides the officer's extension.
    expect(audit.audit.map((e) => e.action).sort()).toEqual(['transfer-alert', 'transfer-time-limit-extended']);
    expect(audit.audit).toContainEqual(
      expect.objectContaining({ action: 'transfer-time-limit-extended', reason: expect.stringContaining('appeal') }),
    );
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/transfer_time_limits_expired_total \d/);

    // A confirmed transfer never closed at the border: the border is alerted once its arrival day has passed.
    const open = `TR-${run}-UNCLOSED`;
    await notify('CH', open, [ch.reference], '2026-12-10T10:00:00+04:00', 'GYD', '2026-12-02T10:00:00+04:00');
    await repliesFor(open, 'readmission.transfer.confirmed.v1');
    clock.set('2026-12-12T10:00:00+04:00');
    const [first, second] = await Promise.all([deadlines.sweep(), deadlines.sweep()]);
    expect(first.notClosed + second.notClosed).toBe(1);
    expect(await stored('transfers', `CH:${open}`)).toMatchObject({ status: 'confirmed', closeAlerted: true });
    expect(await stored('accepted-cases', ch.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
  });

  it('resumes an expiry whose sweep crashed between its claim and its effect: expired, audited and counted once', async () => {
    clock.set('2026-09-01T10:00:00+04:00');
    const [c] = await accept('DE', '2026-09-01T10:00:00+04:00');
    const dueBy = new Date('2026-12-01T23:59:59+04:00');
    const eventId = `${c.caseNumber}:expired:${dueBy.toISOString()}`;
    // The crashed run: its claim is written, the case is not expired, nothing is audited.
    const claimedAt = new Date('2026-12-02T00:00:01+04:00');
    await db()
      .collection('deadline-events')
      .insertOne({
        _id: eventId as never,
        subject: c.caseNumber,
        limit: 'transfer',
        event: 'expired',
        dueBy,
        state: 'claimed',
        claimedAt,
        attempts: 1,
      });
    const expiredBefore = await metricValue('transfer_time_limits_expired_total');
    const deadlines = service.app.get(SweepTransferTimeLimits);
    clock.set('2026-12-02T00:01:00+04:00'); // the claim is still fresh: another run may hold it
    await deadlines.sweep();
    expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ status: 'awaiting-transfer' });
    clock.set('2026-12-02T00:10:00+04:00'); // long after: the claim is taken to be lost and resumed
    await deadlines.sweep();
    await deadlines.sweep(); // finds it done: nothing again
    expect(await stored('accepted-cases', c.caseNumber)).toMatchObject({ status: 'expired', expirySettled: true });
    expect(await stored('deadline-events', eventId)).toMatchObject({ state: 'done' });
    const detail = (await (await api(`/accepted-cases/${c.caseNumber}`, 'auditor')).json()) as {
      audit: { action: string }[];
      history: { event: string }[];
    };
    expect(detail.audit.filter((e) => e.action === 'transfer-time-limit-expired')).toHaveLength(1);
    expect(detail.history.filter((e) => e.event === 'transfer-time-limit-expired')).toHaveLength(1);
    expect(await metricValue('transfer_time_limits_expired_total')).toBe(expiredBefore + 1);
  });

  it('keeps the cost ledger: the requesting state bears the transport costs by the rule, a departure needs a reason, an invoice falls due 30 days later, statistics per partner, year and currency add up', async () => {
    clock.set('2027-03-01T10:00:00+04:00');
    const [de] = await accept('DE', '2027-03-01T10:00:00+04:00');
    const [ch] = await accept('CH', '2027-03-01T10:00:00+04:00');
    const trDe = `TR-${run}-COST-DE`;
    const trCh = `TR-${run}-COST-CH`;
    await notify('DE', trDe, [de.reference], '2027-03-10T14:00:00+04:00', 'GYD', '2027-03-01T10:00:00+04:00');
    await notify('CH', trCh, [ch.reference], '2027-03-10T16:00:00+04:00', 'GYD', '2027-03-01T10:00:00+04:00');
    await repliesFor(trDe, 'readmission.transfer.confirmed.v1');
    await repliesFor(trCh, 'readmission.transfer.confirmed.v1');
    type Entry = { _id: string; borneBy: string; bearer: string; amount: string; rule: { rulebookVersion: string; source: string } };
    const cost = async (body: Record<string, unknown>, role: Role = 'officer') => post('/cost-entries', role, body);
    const entry = async (body: Record<string, unknown>) => {
      const res = await cost(body);
      expect(res.status).toBe(201);
      return (await res.json()) as Entry & { invoice?: { repaymentDue: { dueDate: string; rule: string } } };
    };
    const readmission = (transfer: string, partner = 'DE') => ({ referenceKind: 'readmission', reference: `${partner}:${transfer}` });

    // By the rule (CH-AZ Art. 13, comparable model clause) the requesting state bears the costs.
    const flight = await entry({
      ...readmission(trDe),
      leg: 'flight FRA-GYD',
      incurredOn: '2027-03-10',
      amount: '1840.50',
      currency: 'EUR',
    });
    expect(flight).toMatchObject({ bearer: 'requesting-state', borneBy: 'DE', amount: '1840.50', amountMinor: 184050, year: 2027 });
    expect(flight.rule).toMatchObject({ value: 'requesting-state', status: 'comparable', rulebookVersion: '2026.3' });
    await entry({ ...readmission(trDe), leg: 'escort return flights', incurredOn: '2027-03-11', amount: '920.25', currency: 'EUR' });
    // A cost of a day under rulebook 2026.2 (which does not hold the rule) takes it from the version in effect now.
    const early = await entry({ ...readmission(trDe), leg: 'escort visas', incurredOn: '2026-11-20', amount: '100', currency: 'EUR' });
    expect(early).toMatchObject({ year: 2026, amount: '100.00', rule: { rulebookVersion: '2026.3' } });
    // Azerbaijan advanced the land transport that Germany bears: it invoices, repayment due 30 calendar days after.
    const land = await entry({
      ...readmission(trDe),
      leg: 'land transport GYD-Baku',
      incurredOn: '2027-03-10',
      amount: '150.00',
      currency: 'AZN',
      advancedBy: 'requested-state',
    });
    expect(land).toMatchObject({ borneBy: 'DE', advancedBy: 'AZ' });
    expect((await post(`/cost-entries/${flight._id}/invoice`, 'officer', { number: 'X', issuedOn: '2027-03-15' })).status).toBe(422); // nothing advanced
    expect((await post(`/cost-entries/${land._id}/repayment`, 'officer', { repaidOn: '2027-04-01' })).status).toBe(422); // no invoice yet
    const invoiced = await post(`/cost-entries/${land._id}/invoice`, 'officer', { number: `INV-${run}`, issuedOn: '2027-03-15' });
    expect(invoiced.status).toBe(200);
    expect(
      ((await invoiced.json()) as { invoice: { repaymentDue: { dueDate: string; rule: string } } }).invoice.repaymentDue,
    ).toMatchObject({
      dueDate: '2027-04-14',
      rule: expect.stringMatching(/^30 calendar days from invoice \(assumed: docs\/rules.md#transport-costs/),
      rulebookVersion: '2026.3',
    });
    expect((await post(`/cost-entries/${land._id}/invoice`, 'officer', { number: 'again', issuedOn: '2027-03-16' })).status).toBe(409);

    // A departure from the rule needs its reason.
    const chFlight = { ...readmission(trCh, 'CH'), leg: 'flight ZRH-GYD', incurredOn: '2027-03-10', amount: '2100.00', currency: 'CHF' };
    const noReason = await cost({ ...chFlight, bearer: 'requested-state' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({
      details: [{ path: 'departureReason' }],
      message: expect.stringContaining('CH-AZ Art. 13'),
    });
    const departed = await entry({ ...chFlight, bearer: 'requested-state', departureReason: 'agreed by note of 2 March 2027' });
    expect(departed).toMatchObject({ bearer: 'requested-state', borneBy: 'AZ', departureReason: 'agreed by note of 2 March 2027' });

    // Refused: unknown reference, unknown kind, a bad amount, a role that does not keep the ledger.
    expect((await cost({ ...readmission(`NOPE-${run}`), leg: 'x', incurredOn: '2027-03-10', amount: '1', currency: 'EUR' })).status).toBe(
      404,
    );
    expect((await cost({ ...chFlight, referenceKind: 'pilgrimage' })).status).toBe(400);
    expect((await cost({ ...chFlight, amount: '12.345' })).status).toBe(400);
    expect((await cost(chFlight, 'border-officer')).status).toBe(403);

    // Statistics against figures computed by hand: amounts of one currency only are added, per bearer, invoiced and repaid.
    const statistics = async (query: string, role: Role = 'auditor') =>
      ((await (await api(`/cost-statistics?${query}`, role)).json()) as { rows: unknown[] }).rows;
    const zero = { invoiced: '0.00', repaid: '0.00', outstanding: '0.00' };
    const expected = [
      {
        partner: 'CH',
        year: 2027,
        currency: 'CHF',
        entries: 1,
        total: '2100.00',
        byKind: { readmission: '2100.00' },
        borneByRequestingState: '0.00',
        borneByRequestedState: '2100.00',
        ...zero,
      },
      {
        partner: 'DE',
        year: 2026,
        currency: 'EUR',
        entries: 1,
        total: '100.00',
        byKind: { readmission: '100.00' },
        borneByRequestingState: '100.00',
        borneByRequestedState: '0.00',
        ...zero,
      },
      {
        partner: 'DE',
        year: 2027,
        currency: 'AZN',
        entries: 1,
        total: '150.00',
        byKind: { readmission: '150.00' },
        borneByRequestingState: '150.00',
        borneByRequestedState: '0.00',
        invoiced: '150.00',
        repaid: '0.00',
        outstanding: '150.00',
      },
      {
        partner: 'DE',
        year: 2027,
        currency: 'EUR',
        entries: 2,
        total: '2760.75',
        byKind: { readmission: '2760.75' },
        borneByRequestingState: '2760.75',
        borneByRequestedState: '0.00',
        ...zero,
      },
    ];
    expect(await statistics('from=2026&to=2027')).toEqual(expected);
    // Past the repayment due date, not repaid: the gauge the alert CostRepaymentOverdue reads counts it, until repaid.
    const repayments = service.app.get(CostRepaymentsOverdueGauge);
    clock.set('2027-04-14T23:00:00+04:00');
    expect((await repayments.refresh()).get('DE')).toBeUndefined();
    clock.set('2027-04-15T10:00:00+04:00');
    expect((await repayments.refresh()).get('DE')).toBe(1);
    const repaid = await post(`/cost-entries/${land._id}/repayment`, 'officer', { repaidOn: '2027-04-20' });
    expect((await repayments.refresh()).get('DE')).toBeUndefined();
    expect(await repaid.json()).toMatchObject({ repaidOn: '2027-04-20', repaidLate: true });
    expected[2] = { ...expected[2], repaid: '150.00', outstanding: '0.00' };
    expect(await statistics('from=2026&to=2027', 'admin')).toEqual(expected);
    expect(await statistics('from=2027&partner=CH')).toEqual([expected[0]]);
    expect((await api('/cost-statistics?from=2027', 'case-worker')).status).toBe(403);

    const listed = (await (await api(`/cost-entries?reference=DE:${trDe}`, 'auditor')).json()) as Entry[];
    expect(listed.map((e) => e.amount).sort()).toEqual(['100.00', '150.00', '1840.50', '920.25']);
    const one = (await (await api(`/cost-entries/${land._id}`, 'auditor')).json()) as { audit: { action: string; actor: string }[] };
    expect(one.audit.map((e) => e.action).sort()).toEqual(['cost-invoiced', 'cost-recorded', 'cost-repaid']);
  });

  it('readmission by mistake: requested within the period from the handover (6 months for nationals, 12 for third-country nationals; the last day inside, the day after out), answered by the partner, the return recorded at the border', async () => {
    clock.set('2027-01-04T10:00:00+04:00');
    const [n1, n2] = await accept('DE', '2027-01-04T10:00:00+04:00', {}, 2);
    const [t1, t2] = await accept('DE', '2027-01-04T10:00:00+04:00', { category: 'third-country-national' }, 2);
    const [notHandedOver] = await accept('DE', '2027-01-04T10:00:00+04:00');
    clock.set('2027-01-05T10:00:00+04:00');
    const tr = `TR-${run}-MISTAKE`;
    const persons = [n1, n2, t1, t2];
    await notify(
      'DE',
      tr,
      persons.map((p) => p.reference),
      '2027-01-11T14:00:00+04:00',
      'GYD',
      '2027-01-05T10:00:00+04:00',
    );
    await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    clock.set('2027-01-11T15:00:00+04:00');
    for (const p of persons)
      expect(
        (
          await post(`/transfers/DE/${tr}/persons/${p.reference}`, 'border-officer', {
            arrived: true,
            identityChecked: true,
            documentChecked: true,
          })
        ).status,
      ).toBe(201);
    expect((await post(`/transfers/DE/${tr}/close`, 'border-officer', {})).status).toBe(200);

    const evidence = [{ kind: 'registry-record', description: 'the passport number belongs to another person in the civil registry' }];
    const ask = (caseNumber: string, role: Role = 'officer') =>
      post('/mistake-returns', role, {
        caseNumber,
        grounds: 'not a national of Azerbaijan: the conditions of the agreement were not met',
        evidence,
      });
    // A national: the last day of the 6 months (11 July 2027, Baku) is inside…
    clock.set('2027-07-11T23:59:00+04:00');
    expect((await ask(n1.caseNumber, 'border-officer')).status).toBe(403);
    const inside = await ask(n1.caseNumber);
    expect(inside.status).toBe(201);
    expect(await inside.json()).toMatchObject({
      status: 'requested',
      handedOverOn: '2027-01-11',
      period: {
        dueDate: '2027-07-11',
        rule: expect.stringMatching(/^6 months from transfer \(comparable: docs\/rules.md#readmission-by-mistake/),
        rulebookVersion: '2026.3',
      },
    });
    expect((await ask(n1.caseNumber)).status).toBe(409); // one request per readmission
    const [requested] = await repliesFor(n1.reference, 'readmission.mistake.return-requested.v1');
    expect(requested.payload).toMatchObject({
      partnerReference: n1.reference,
      caseNumber: n1.caseNumber,
      transferReference: tr,
      handedOverOn: '2027-01-11',
      category: 'national',
      evidence,
      periodEndsOn: '2027-07-11',
    });
    // … the day after is out, with the rule and its article named; a third-country national still has 12 months.
    clock.set('2027-07-12T00:00:30+04:00');
    const late = await ask(n2.caseNumber);
    expect(late.status).toBe(422);
    expect(((await late.json()) as { message: string }).message).toMatch(
      /readmission-by-mistake-period-exceeded.*EU-AZ.*6 months from transfer.*last day was 2027-07-11/,
    );
    expect((await ask(t1.caseNumber)).status).toBe(201);
    clock.set('2028-01-11T23:59:00+04:00');
    expect((await ask(t2.caseNumber)).status).toBe(201); // 12 months: the last day inside
    expect((await ask(notHandedOver.caseNumber)).status).toBe(422); // never readmitted
    expect((await ask(`RA-2027-${block}999`)).status).toBe(404);

    // The partner's answers, as intake routes them (interface 1.1 readmission.mistake.answered.v1).
    const answer = async (
      c: { caseNumber: string; reference: string },
      body: Pick<MistakeAnsweredV1, 'answer' | 'grounds'>,
      messageId = randomUUID(),
    ) => {
      const event = encodeInternalEvent(
        'readmission.internal.mistake-answered.v1',
        {
          partnerCode: 'DE',
          messageId,
          receivedAt: '2028-01-12T10:00:00+04:00',
          answer: { partnerReference: c.reference, caseNumber: c.caseNumber, ...body },
        },
        { id: randomUUID(), source: 'urn:test', time: '2028-01-12T10:00:00+04:00', subject: c.caseNumber },
      );
      await kafka.send(event.topic, [event]);
    };
    await answer(n1, { answer: 'accepted' });
    await answer(t1, { answer: 'refused', grounds: 'the person entered the Schengen area directly from Turkey, not via Azerbaijan' });
    await expectEventually(async () => (await stored('mistake-returns', n1.caseNumber))?.status === 'accepted');
    await expectEventually(async () => (await stored('mistake-returns', t1.caseNumber))?.status === 'refused');
    await answer(n1, { answer: 'refused', grounds: 'changed our mind' }); // the first answer stands
    const [second] = await repliesFor(n1.reference, 'readmission.application.rejected.v1');
    expect(second.payload).toMatchObject({
      reasons: [{ code: 'unknown-reference', field: '$.caseNumber', message: expect.stringContaining('first answer stands') }],
    });

    // The return: by a border officer at a crossing point of theirs, only after an acceptance.
    const returned = await kafka.collect(['readmission.internal.person-returned-by-mistake.v1'], { since: runStartedAt });
    const back = (c: { caseNumber: string }, points: string[], body: Record<string, unknown>) =>
      mintDevToken(devKeyFile, { subject: 'bo-return', roles: ['border-officer'], crossingPoints: points }).then((token) =>
        fetch(`${service.url}/mistake-returns/${c.caseNumber}/return`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        }),
      );
    expect((await back(n1, ['AST'], { returned: true, borderCrossingPoint: 'GYD' })).status).toBe(403);
    expect((await back(t1, ['GYD'], { returned: true, borderCrossingPoint: 'GYD' })).status).toBe(422); // refused by the partner
    expect((await back(t2, ['GYD'], { returned: true, borderCrossingPoint: 'GYD' })).status).toBe(422); // not answered yet
    const done = await back(n1, ['GYD'], { returned: true, borderCrossingPoint: 'GYD' });
    expect(done.status).toBe(200);
    expect((await back(n1, ['GYD'], { returned: true, borderCrossingPoint: 'GYD' })).status).toBe(409);
    const [completed] = await repliesFor(n1.reference, 'readmission.mistake.return-completed.v1');
    expect(completed.payload).toMatchObject({ caseNumber: n1.caseNumber, outcome: 'returned', borderCrossingPoint: 'GYD' });
    const [event] = await returned.waitFor((r) => r.key?.toString() === n1.caseNumber);
    expect(returned.json(event)).toMatchObject({ caseNumber: n1.caseNumber, partnerCode: 'DE', borderCrossingPoint: 'GYD' });

    const detail = (await (await api(`/mistake-returns/${n1.caseNumber}`, 'auditor')).json()) as {
      status: string;
      answer: { answer: string };
      audit: { action: string }[];
    };
    expect(detail).toMatchObject({ status: 'returned', answer: { answer: 'accepted' } });
    expect(detail.audit.map((e) => e.action).sort()).toEqual([
      'mistake-returned',
      'return-by-mistake-accepted',
      'return-by-mistake-requested',
    ]);
    // Grounds and evidence are sealed at rest.
    expect(JSON.stringify((await stored('mistake-returns', n1.caseNumber))?.grounds)).not.toContain('not a national');

    // Costs (docs/rules.md#transport-costs): the return by mistake is a cost reference kind, borne by the partner (the
    // requesting state of the readmission undone); so is Azerbaijan's own transfer to a partner, borne by Azerbaijan.
    const outgoing = async (transferReference: string, event: string) => {
      const record = encodeInternalEvent(
        'readmission.internal.outgoing-transfer-recorded.v1',
        {
          partnerCode: 'DE',
          requestNumber: 'AZR-2028-000001',
          agreement: 'EU-AZ',
          transferReference,
          event: event as 'notified',
          at: '2028-01-05T10:00:00+04:00',
          borderCrossingPoint: 'DE-FRA',
          plannedArrival: '2028-01-10T09:00:00+01:00',
        },
        { id: randomUUID(), source: 'urn:test', time: '2028-01-05T10:00:00+04:00' },
      );
      await kafka.send(record.topic, [record]);
    };
    const shipped = `AZT-${run}-OUT`;
    const refusedNotice = `AZT-${run}-OUT-REFUSED`;
    await outgoing(shipped, 'notified');
    await outgoing(shipped, 'handed-over');
    await outgoing(refusedNotice, 'notified');
    await outgoing(refusedNotice, 'refused');
    await expectEventually(async () => (await stored('outgoing-transfers', `DE:${shipped}`))?.status === 'handed-over');
    await expectEventually(async () => (await stored('outgoing-transfers', `DE:${refusedNotice}`))?.status === 'refused');
    expect((await stored('outgoing-transfers', `DE:${shipped}`))?.events).toEqual([
      expect.objectContaining({ event: 'notified' }),
      expect.objectContaining({ event: 'handed-over' }),
    ]);
    const gbp = { incurredOn: '2028-01-10', currency: 'GBP' };
    const costOf = (body: Record<string, unknown>) => post('/cost-entries', 'officer', { ...gbp, ...body });
    const returnCost = await costOf({ referenceKind: 'mistake-return', reference: n1.caseNumber, leg: 'flight GYD-FRA', amount: '455.05' });
    expect(returnCost.status).toBe(201);
    expect(await returnCost.json()).toMatchObject({
      referenceKind: 'mistake-return',
      partnerCode: 'DE',
      bearer: 'requesting-state',
      borneBy: 'DE',
    });
    const outgoingCost = await costOf({
      referenceKind: 'outgoing-transfer',
      reference: `DE:${shipped}`,
      leg: 'flight GYD-FRA',
      amount: '612.40',
    });
    expect(outgoingCost.status).toBe(201);
    expect(await outgoingCost.json()).toMatchObject({ referenceKind: 'outgoing-transfer', requestingState: 'AZ', borneBy: 'AZ' });
    expect(
      (await costOf({ referenceKind: 'outgoing-transfer', reference: `DE:${shipped}`, leg: 'escort hotel', amount: '87.60' })).status,
    ).toBe(201);
    // Refused: a return the partner refused, a transfer notice the partner refused, an unknown transfer.
    expect((await costOf({ referenceKind: 'mistake-return', reference: t1.caseNumber, leg: 'x', amount: '1' })).status).toBe(422);
    expect((await costOf({ referenceKind: 'outgoing-transfer', reference: `DE:${refusedNotice}`, leg: 'x', amount: '1' })).status).toBe(
      422,
    );
    expect((await costOf({ referenceKind: 'outgoing-transfer', reference: `DE:AZT-${run}-NONE`, leg: 'x', amount: '1' })).status).toBe(404);
    // Statistics against figures computed by hand: 455.05 + 612.40 + 87.60 = 1155.05 GBP, each borne by its requesting state.
    const rows = (
      (await (await api('/cost-statistics?from=2028&to=2028&partner=DE', 'auditor')).json()) as { rows: { currency: string }[] }
    ).rows;
    expect(rows.find((r) => r.currency === 'GBP')).toEqual({
      partner: 'DE',
      year: 2028,
      currency: 'GBP',
      entries: 3,
      total: '1155.05',
      borneByRequestingState: '1155.05',
      borneByRequestedState: '0.00',
      invoiced: '0.00',
      repaid: '0.00',
      outstanding: '0.00',
      byKind: { 'outgoing-transfer': '700.00', 'mistake-return': '455.05' },
    });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    for (const series of [
      'transfer_mistake_returns_total{partner="DE",outcome="requested"}',
      'transfer_mistake_returns_total{partner="DE",outcome="accepted"}',
      'transfer_mistake_returns_total{partner="DE",outcome="refused"}',
      'transfer_mistake_returns_total{partner="DE",outcome="returned"}',
      'transfer_cost_entries_total{partner="DE",kind="mistake-return"}',
      'transfer_cost_entries_total{partner="DE",kind="outgoing-transfer"}',
    ])
      expect(metrics.split('\n').find((l) => l.startsWith(`${series} `))).toMatch(/ [1-9]\d*$/);
  });

  describe('transit under escort (interface 1.1, docs/rules.md#transit)', () => {
    const transitRequest: TransitRequestedV1 = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'transit-requested.json'), 'utf8'),
    ).value;
    const rules = Rulebook.from(SHIPPED_RULEBOOKS[0]).agreement('EU-AZ');
    let t = 0;
    /** Publishes transit-requested as intake does (received 2 December 2026, reply due 7 December) and waits until it is kept. */
    const requestTransit = async (receivedAt = '2026-12-02T10:00:00+04:00', replyDueBy = '2026-12-07T23:59:59+04:00') => {
      const transitReference = `TRS-${run}-${++t}`;
      const messageId = randomUUID();
      const event = encodeInternalEvent(
        'readmission.internal.transit-requested.v1',
        {
          partnerCode: 'DE',
          messageId,
          receivedAt,
          agreement: 'EU-AZ',
          rulebookVersion: SHIPPED_RULEBOOKS[0].version,
          transitRules: rules.transit!,
          replyDueBy,
          replyRule: '5 calendar days from receipt (comparable: docs/rules.md#transit)',
          request: { ...transitRequest, transitReference },
        },
        { id: messageId, source: 'urn:test', time: receivedAt },
      );
      await kafka.send(event.topic, [event]);
      await expectEventually(async () => (await stored('transits', `DE:${transitReference}`)) !== null);
      return transitReference;
    };
    const path = (ref: string, action = '') => `/transits/DE/${ref}${action}`;
    const decided = async (ref: string) => (await repliesFor(ref, 'readmission.transit.decided.v1'))[0].payload;
    const border = (ref: string, event: string, crossingPoint = 'GYD') =>
      post(path(ref, '/border'), 'border-officer', { event, crossingPoint });
    const sweep = () => service.app.get(SweepTransitTimeLimits).sweep();

    it('alerts before the 5-day reply limit and records the request overdue after it (silence is not consent), each once', async () => {
      const ref = await requestTransit();
      clock.set('2026-12-04T10:00:00+04:00'); // 3 days before: no alert yet (TRANSIT_ALERT_DAYS 2)
      await sweep();
      expect((await stored('transits', `DE:${ref}`))?.alerts).toEqual([]);
      clock.set('2026-12-06T10:00:00+04:00');
      await sweep();
      await sweep();
      const alerted = await stored('transits', `DE:${ref}`);
      expect(alerted).toMatchObject({ alerts: [2], replyOverdue: false, status: 'requested' });
      clock.set('2026-12-08T00:00:01+04:00');
      await sweep();
      expect(await stored('transits', `DE:${ref}`)).toMatchObject({ replyOverdue: true, status: 'requested' });
      // The gauge the alert TransitReplyOverdue reads: one transit of DE waits past its limit, until the decision.
      const overdue = service.app.get(TransitsReplyOverdueGauge);
      expect((await overdue.refresh()).get('DE')).toBe(1);
      const audit = await (await api(`/audit-trail?subject=${encodeURIComponent(`DE:${ref}`)}`, 'auditor')).json();
      expect(JSON.stringify(audit)).toContain('transit-reply-alert');
      expect(JSON.stringify(audit)).toContain('transit-reply-overdue');
      // Still decidable after the limit: an officer's decision is what ends it.
      expect((await post(path(ref, '/decision'), 'officer', { decision: 'consent' })).status).toBe(200);
      expect((await overdue.refresh()).get('DE')).toBeUndefined();
      expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(
        /transfer_transit_time_limit_events_total\{partner="DE",event="reply-overdue"\} [1-9]/,
      );
    });

    it.each(TRANSIT_REFUSAL_GROUNDS)(
      'refuses a transit on the ground %s with written grounds and the article; the partner is told',
      async (ground) => {
        clock.set('2026-12-03T11:00:00+04:00');
        const ref = await requestTransit();
        expect((await post(path(ref, '/decision'), 'officer', { decision: 'refuse', refusalGround: ground })).status).toBe(400);
        const grounds = `Facts for ${ground}, as the officer wrote them.`;
        const res = await post(path(ref, '/decision'), 'officer', { decision: 'refuse', refusalGround: ground, grounds });
        expect(res.status).toBe(200);
        expect(await decided(ref)).toEqual({
          transitReference: ref,
          decision: 'refused',
          decidedAt: '2026-12-03T11:00:00+04:00',
          refusalGround: ground,
          grounds,
          basis: `EU-AZ: transit may be refused on the ground ${ground} (comparable: ${rules.transit!.refusalGrounds.source})`,
        });
        expect((await post(path(ref, '/decision'), 'officer', { decision: 'consent' })).status).toBe(409);
        expect((await border(ref, 'entered')).status).toBe(409);
      },
    );

    it('consents for 30 days: the border refuses an entry outside the window, records entered and left at the point of entry, only at the crossing points of the token', async () => {
      clock.set('2026-12-03T11:00:00+04:00');
      const ref = await requestTransit();
      const consent = await post(path(ref, '/decision'), 'officer', { decision: 'consent' });
      expect(consent.status).toBe(200);
      expect(await decided(ref)).toMatchObject({
        decision: 'consented',
        decidedAt: '2026-12-03T11:00:00+04:00',
        consentValidUntil: '2027-01-02T23:59:59+04:00',
        basis: expect.stringContaining('EU-AZ: the transit is carried out within 30 calendar days from consent (comparable'),
      });
      // Another crossing point of the token is not the point of entry; a point outside the token is forbidden.
      expect((await border(ref, 'entered', 'BLK')).status).toBe(400);
      const onlyBlk = await mintDevToken(devKeyFile, devTokenClaims('border-officer', 'it-blk', ['BLK']));
      const forbidden = await fetch(`${service.url}${path(ref, '/border')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${onlyBlk}` },
        body: JSON.stringify({ event: 'entered', crossingPoint: 'GYD' }),
      });
      expect(forbidden.status).toBe(403);
      clock.set('2027-01-03T00:00:01+04:00'); // the window closed
      const late = await border(ref, 'entered');
      expect(late.status).toBe(422);
      expect(((await late.json()) as { message: string }).message).toMatch(/outside the consent's window .* 30 calendar-days from consent/);
      clock.set('2026-12-10T09:40:00+04:00');
      expect((await border(ref, 'left')).status).toBe(409);
      expect((await border(ref, 'entered')).status).toBe(200);
      expect((await border(ref, 'left')).status).toBe(200);
      expect(await stored('transits', `DE:${ref}`)).toMatchObject({
        status: 'left',
        border: [
          expect.objectContaining({ event: 'entered', crossingPoint: 'GYD', by: 'it-border-officer' }),
          expect.objectContaining({ event: 'left' }),
        ],
      });
      // The partner is told each border event (interface 1.1), in the order recorded.
      const told = await repliesFor(ref, 'readmission.transit.border-recorded.v1', 2);
      expect(told.map((r) => r.payload)).toEqual([
        { transitReference: ref, event: 'entered', crossingPoint: 'GYD', recordedAt: '2026-12-10T09:40:00+04:00' },
        { transitReference: ref, event: 'left', crossingPoint: 'GYD', recordedAt: '2026-12-10T09:40:00+04:00' },
      ]);
      expect(sentSoFar(ref, 'readmission.transit.border-recorded.v1')).toHaveLength(2);
      // The transport costs of the transit go to the one cost ledger, borne by the requesting state (docs/rules.md#transport-costs).
      const cost = await post('/cost-entries', 'officer', {
        referenceKind: 'transit',
        reference: `DE:${ref}`,
        leg: 'flight FRA-GYD-TAS',
        incurredOn: '2026-12-10',
        amount: '1800.00',
        currency: 'EUR',
      });
      expect(cost.status).toBe(201);
      expect(await cost.json()).toMatchObject({ referenceKind: 'transit', partnerCode: 'DE', bearer: 'requesting-state', borneBy: 'DE' });
      const one = (await (await api(path(ref), 'officer')).json()) as { audit: { action: string }[] };
      expect(one.audit.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['transit-consented', 'transit-entered', 'transit-left']),
      );
    });

    it('revokes a consent when facts come to light (the partner is told, the border refuses it); an unused consent lapses after its window', async () => {
      clock.set('2026-12-03T11:00:00+04:00');
      const [revokedRef, unusedRef] = [await requestTransit(), await requestTransit()];
      for (const ref of [revokedRef, unusedRef])
        expect((await post(path(ref, '/decision'), 'officer', { decision: 'consent' })).status).toBe(200);
      clock.set('2026-12-05T08:00:00+04:00');
      const grounds = 'Reports received on 4 December show a real risk of persecution in the state of destination.';
      expect((await post(path(revokedRef, '/revocation'), 'officer', { ground: 'risk-of-persecution', grounds })).status).toBe(200);
      expect((await repliesFor(revokedRef, 'readmission.transit.consent-revoked.v1'))[0].payload).toEqual({
        transitReference: revokedRef,
        revokedAt: '2026-12-05T08:00:00+04:00',
        ground: 'risk-of-persecution',
        grounds,
        basis: expect.stringContaining('EU-AZ: transit may be refused on the ground risk-of-persecution'),
      });
      const refused = await border(revokedRef, 'entered');
      expect(refused.status).toBe(422);
      const refusal = (await refused.json()) as { message: string; details?: unknown };
      expect(refusal.message).toMatch(/revoked on 2026-12-05T08:00:00\+04:00/);
      expect(refusal.details).toEqual({ code: 'transit-consent-revoked' });
      expect((await post(path(revokedRef, '/revocation'), 'officer', { ground: 'risk-of-persecution', grounds })).status).toBe(409);
      clock.set('2027-01-03T00:00:01+04:00');
      await sweep();
      expect(await stored('transits', `DE:${unusedRef}`)).toMatchObject({ status: 'lapsed' });
      expect(await stored('transits', `DE:${revokedRef}`)).toMatchObject({ status: 'revoked' });
    });
  });

  const metricValue = async (name: string): Promise<number> => {
    const line = (await (await fetch(`${service.url}/metrics`)).text()).split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1] ?? 0);
  };
  // Last: it moves the clock years on.
  it('erases transit requests and requests for readmission by mistake that ended, once their retention period has passed: open and held ones untouched, lists intact, each purge audited', async () => {
    // The transits and requests for readmission by mistake of the tests above: some ended, some still open.
    const raw = async (collection: string) => db().collection<{ _id: string } & Record<string, unknown>>(collection).find({}).toArray();
    const endedTransit = ['left', 'not-arrived', 'refused', 'revoked', 'lapsed'];
    const endedMistake = ['refused', 'returned', 'not-returned'];
    const transits = await raw('transits');
    const mistakes = await raw('mistake-returns');
    const [transitsEnded, transitsOpen] = [
      transits.filter((t) => endedTransit.includes(String(t.status))),
      transits.filter((t) => !endedTransit.includes(String(t.status))),
    ];
    const [mistakesEnded, mistakesOpen] = [
      mistakes.filter((m) => endedMistake.includes(String(m.status))),
      mistakes.filter((m) => !endedMistake.includes(String(m.status))),
    ];
    for (const found of [transitsEnded, transitsOpen, mistakesEnded, mistakesOpen]) expect(found.length).toBeGreaterThan(0);
    const [heldTransit, purgedTransit] = transitsEnded.map((t) => t._id);
    const [heldMistake, purgedMistake] = [mistakesEnded[0]._id, mistakesEnded[mistakesEnded.length - 1]._id];
    expect(purgedTransit).toBeDefined();
    expect(purgedMistake).not.toBe(heldMistake);
    const admin = (path: string, reason: string) =>
      api(path, 'admin', { method: path.endsWith('/lift') ? 'POST' : 'PUT', body: JSON.stringify({ reason }) });
    for (const subject of [heldTransit, heldMistake]) expect((await admin(`/legal-holds/${subject}`, 'complaint 3/2031')).status).toBe(200);
    const lists = async () => ({
      transits: ((await (await api('/transits?limit=500', 'auditor')).json()) as { status: string }[]).map((t) => t.status).sort(),
      mistakes: ((await (await api('/mistake-returns?limit=500', 'auditor')).json()) as { status: string }[]).map((m) => m.status).sort(),
    });
    const before = await lists();
    const purge = service.app.get(PurgePersonalData);
    clock.set('2031-01-01T10:00:00+04:00'); // four years on: not yet
    expect((await purge.sweep()).filter((r) => r.kind !== 'completed-transfers')).toEqual([
      { kind: 'ended-transits', purged: 0, held: 0 },
      { kind: 'ended-mistake-returns', purged: 0, held: 0 },
    ]);
    clock.set('2033-06-01T10:00:00+04:00'); // more than five years after every one of this run
    const swept = await sweepUntilDone(() => purge.sweep());
    expect(swept['ended-transits']).toEqual({ kind: 'ended-transits', purged: transitsEnded.length - 1, held: 1 });
    expect(swept['ended-mistake-returns']).toEqual({ kind: 'ended-mistake-returns', purged: mistakesEnded.length - 1, held: 1 });

    // The raw store: the ended ones keep status, partner and dates, not the person, escorts, grounds or evidence.
    const gone = await stored('transits', purgedTransit);
    expect(gone).toMatchObject({ status: expect.any(String), partnerCode: 'DE', pointOfEntry: 'GYD', purgedAt: expect.any(Date) });
    expect(gone?.request).not.toHaveProperty('person');
    expect(gone?.request).not.toHaveProperty('escorts');
    expect(gone?.decision ?? {}).not.toHaveProperty('grounds');
    expect(gone?.revocation ?? {}).not.toHaveProperty('grounds');
    expect((gone?.border as Record<string, unknown>[]).every((b) => !('note' in b))).toBe(true);
    const mistake = await stored('mistake-returns', purgedMistake);
    expect(mistake).toMatchObject({ status: expect.any(String), partnerCode: 'DE', evidence: [], purgedAt: expect.any(Date) });
    expect(mistake).not.toHaveProperty('grounds');
    const opened = (await (await api(`/mistake-returns/${purgedMistake}`, 'auditor')).json()) as Record<string, unknown>;
    expect(opened).toMatchObject({ status: mistake?.status, evidence: [] });
    // (The audit trail, kept as it is, still carries the officer's reason for the request: it is not this record.)
    expect(JSON.stringify({ ...opened, audit: undefined })).not.toMatch(/Schengen|not a national/);
    // Open and held ones are as they were (sealed); the lists show the same records with the same statuses.
    for (const t of transitsOpen) expect(await stored('transits', t._id)).not.toHaveProperty('purgedAt');
    for (const m of mistakesOpen) expect(await stored('mistake-returns', m._id)).not.toHaveProperty('purgedAt');
    expect(((await stored('transits', heldTransit))?.request as Record<string, unknown>).person).toMatch(/^enc:1:/);
    expect((await stored('mistake-returns', heldMistake))?.grounds).toMatch(/^enc:1:/);
    expect(await lists()).toEqual(before);
    // A case handed over is purged as a completed transfer too: only this test's kinds count here.
    const purges = async (subject: string) =>
      (
        (await (await api(`/audit-trail?subject=${encodeURIComponent(subject)}`, 'auditor')).json()) as {
          action: string;
          details?: { kind?: string };
        }[]
      ).filter((e) => e.action === 'personal-data-purged' && e.details?.kind !== 'completed-transfers');
    expect(await purges(purgedTransit)).toEqual([expect.objectContaining({ details: { kind: 'ended-transits', record: purgedTransit } })]);
    expect(await purges(purgedMistake)).toEqual([
      expect.objectContaining({ details: { kind: 'ended-mistake-returns', record: purgedMistake } }),
    ]);
    expect(await purges(heldTransit)).toEqual([]);
    // Lifted, the next run purges them.
    for (const subject of [heldTransit, heldMistake])
      expect((await admin(`/legal-holds/${subject}/lift`, 'complaint closed')).status).toBe(200);
    const again = await sweepUntilDone(() => purge.sweep());
    expect([again['ended-transits'].purged, again['ended-mistake-returns'].purged]).toEqual([1, 1]);
    expect(await stored('mistake-returns', heldMistake)).toMatchObject({ purgedAt: expect.any(Date) });
  });

  it('erases the personal data of persons handed over once the retention period after completion has passed: counts intact, a held case untouched, each purge audited', async () => {
    clock.set('2026-11-16T10:00:00+04:00');
    const [a, b] = await accept('DE', '2026-11-16T10:00:00+04:00', {}, 2);
    clock.set('2026-11-17T10:00:00+04:00');
    const tr = `TR-${run}-RETAIN`;
    await notify('DE', tr, [a.reference, b.reference], '2026-11-25T09:00:00+04:00', 'GYD', '2026-11-17T10:00:00+04:00');
    await repliesFor(tr, 'readmission.transfer.confirmed.v1');
    clock.set('2026-11-25T10:00:00+04:00');
    for (const ref of [a.reference, b.reference])
      expect(
        (
          await post(`/transfers/DE/${tr}/persons/${ref}`, 'border-officer', {
            arrived: true,
            identityChecked: true,
            documentChecked: true,
            note: 'limping, right leg',
          })
        ).status,
      ).toBe(201);
    expect((await post(`/transfers/DE/${tr}/close`, 'border-officer', {})).status).toBe(200);
    expect(await stored('accepted-cases', a.caseNumber)).toMatchObject({ status: 'transferred', transferredAt: expect.any(Date) });
    const admin = (path: string, reason: string) =>
      api(path, 'admin', { method: path.endsWith('/lift') ? 'POST' : 'PUT', body: JSON.stringify({ reason }) });
    expect((await admin(`/legal-holds/${b.caseNumber}`, 'complaint 9/2031')).status).toBe(200);
    const counts = async () => {
      const listed = async (path: string) => ((await (await api(path, 'auditor')).json()) as unknown[]).length;
      return {
        completed: await listed('/transfers?status=completed&date=2026-11-25&borderCrossingPoint=GYD&limit=500'),
        transferred: await listed('/accepted-cases?status=transferred&limit=500'),
      };
    };
    const purge = service.app.get(PurgePersonalData);
    const sweepAll = async () => (await sweepUntilDone(() => purge.sweep()))['completed-transfers'];
    expect(await purge.sweep()).toEqual(
      ['completed-transfers', 'ended-transits', 'ended-mistake-returns'].map((kind) => ({ kind, purged: 0, held: 0 })),
    );
    const before = await counts();
    clock.set('2033-06-01T10:00:00+04:00'); // more than five years after every transfer of this run
    expect(await sweepAll()).toMatchObject({ purged: expect.any(Number), held: 1 });

    // The raw store: the decision keeps its outcome, not the person; the handover note is gone; the held case keeps both.
    const gone = await stored('accepted-cases', a.caseNumber);
    expect(gone).toMatchObject({
      status: 'transferred',
      partnerCode: 'DE',
      purgedAt: expect.any(Date),
      decision: { decision: 'accepted' },
    });
    for (const field of ['person', 'family', 'assistance', 'grounds']) expect(gone?.decision).not.toHaveProperty(field);
    expect(JSON.stringify(gone)).not.toContain(national.person.surname);
    const note = async (ref: string) => (await stored('handover-records', `${transferIdOf('DE', tr)}#${ref}`))?.note;
    expect(await note(a.reference)).toBeUndefined();
    expect(await note(b.reference)).toMatch(/^enc:1:/);
    const kept = await stored('accepted-cases', b.caseNumber);
    expect(kept).not.toHaveProperty('purgedAt');
    expect((kept?.decision as Record<string, unknown>).person).toMatch(/^enc:1:/);
    expect(await counts()).toEqual(before);
    const trail = async (subject: string) =>
      (await (await api(`/audit-trail?subject=${subject}`, 'auditor')).json()) as { action: string; details?: object }[];
    expect((await trail(a.caseNumber)).filter((e) => e.action === 'personal-data-purged')).toEqual([
      expect.objectContaining({ details: { kind: 'completed-transfers', record: a.caseNumber } }),
    ]);
    const heldTrail = (await trail(b.caseNumber)).map((e) => e.action);
    expect(heldTrail).toContain('legal-hold-placed');
    expect(heldTrail).not.toContain('personal-data-purged');
    expect((await admin(`/legal-holds/${b.caseNumber}/lift`, 'complaint closed')).status).toBe(200);
    expect(await sweepAll()).toEqual({ kind: 'completed-transfers', purged: 1, held: 0 });
    expect(await note(b.reference)).toBeUndefined();
  });
});

async function expectEventually(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
