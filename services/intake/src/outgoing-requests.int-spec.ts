import { randomUUID } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { addCalendarDays, addMonths, bakuDate, endOfBakuDay } from '@readmission/agreements';
import { Role, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { ManualClock, RunningService, startService } from '@readmission/platform';
import { Collector, ServiceTest, sweepUntilDone, waitUntil } from '@readmission/testing';
import { PurgePersonalData } from './application/purge-personal-data';
import { OutgoingRequestsOverdueGauge } from './application/outgoing-requests-overdue-gauge';
import { SweepRequestReplyLimits } from './application/sweep-request-reply-limits';
import { SweepRequestTransferLimits } from './application/sweep-request-transfer-limits';
import { intakeService } from './intake.app';
import { intakeSettingsForTest } from './settings';

/**
 * Azerbaijan as the requesting state, through the real broker and store: the officer's application checked and sent
 * on the partner's outbound topic, the partner's acknowledgement, decision and travel document read from its inbound
 * topic, the reply time limit on a clock the test moves (alerts, deemed acceptance under EU-AZ, overdue under CH-AZ),
 * the advance notice and the handover at the border.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stored request as the API returns it: the test reads its fields
type StoredRequest = Record<string, any>;
const run = randomUUID().slice(0, 8);
const PARTNERS = ['DE', 'CH'];
const groupId = `it-${run}-intake-outgoing`;
const database = `it-${run}-intake-outgoing`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'intake-outgoing-')), 'dev-key.json');

const application = (partner: string, extra: Record<string, unknown> = {}) => ({
  partner,
  requestingAuthority: { name: 'State Migration Service, readmission unit', email: 'readmission@migration.gov.az' },
  procedure: 'normal',
  category: 'national',
  person: { surname: 'Müller', givenNames: 'Jonas', sex: 'male', dateOfBirth: '1991-03-14', nationality: partner },
  evidence: [{ type: 'passport', form: 'original', number: `P${run}`, issuingCountry: partner, expiresOn: '2029-05-31' }],
  interviewRequested: false,
  ...extra,
});

const OUTGOING_TRANSFER = 'readmission.internal.outgoing-transfer-recorded.v1';

describe("Azerbaijan's own readmission requests, against the real broker and store", () => {
  const clock = new ManualClock(new Date('2026-12-02T10:00:00+04:00'));
  const test = new ServiceTest(database);
  const { kafka, mongo } = test;
  let service: RunningService;
  let outbound: Collector;
  let outgoingTransfers: Collector;
  const startedAt = Date.now();

  const api = async (path: string, role: Role, init: RequestInit = {}, crossingPoints?: string[]) => {
    const token = await mintDevToken(devKeyFile, { subject: `it-${role}`, roles: [role], ...(crossingPoints ? { crossingPoints } : {}) });
    return fetch(`${service.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  };
  const post = (path: string, body: object, role: Role = 'officer', crossingPoints?: string[]) =>
    api(path, role, { method: 'POST', body: JSON.stringify(body) }, crossingPoints);
  const stored = async (requestNumber: string) =>
    (await (await api(`/outgoing-requests/${requestNumber}`, 'officer')).json()) as StoredRequest;
  /** The partner answers on its inbound topic, as its system (or `npm run partner -- send`) would. */
  const partnerSends = async (cc: string, type: string, value: object, id?: string) => {
    const record = buildPartnerRecord({ type, value, source: `urn:authority:${cc.toLowerCase()}:test`, id });
    await kafka.send(partnerInboundTopic(cc), [record]);
    return record.headers.ce_id;
  };
  const sentToPartner = async (cc: string, requestNumber: string, type: string) => {
    const [record] = await outbound.waitFor(
      // Request numbers restart in every test database; the partner topics are shared: only this run's records count.
      (r) =>
        r.topic === partnerOutboundTopic(cc) &&
        String(r.key) === requestNumber &&
        String(r.headers?.ce_type) === type &&
        Number(r.timestamp) >= startedAt,
    );
    return { headers: record.headers, payload: outbound.json<StoredRequest>(record) };
  };
  const sendRequest = async (partner: string, extra: Record<string, unknown> = {}) => {
    const res = await post('/outgoing-requests', application(partner, extra));
    expect(res.status).toBe(201);
    return ((await res.json()) as { requestNumber: string }).requestNumber;
  };

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    const consumed = [...PARTNERS.map(partnerInboundTopic), 'readmission.internal.partner-reply-requested.v1'];
    await kafka.createTopics([...consumed, ...PARTNERS.map(partnerOutboundTopic)]);
    await kafka.startGroupAtEnd(groupId, consumed);
    outbound = await kafka.collect(PARTNERS.map(partnerOutboundTopic));
    await kafka.createTopics([OUTGOING_TRANSFER]);
    outgoingTransfers = await kafka.collect([OUTGOING_TRANSFER]);
    const settings = intakeSettingsForTest({ AUTH_DEV_KEY_FILE: devKeyFile, MONGODB_DB: database, PARTNERS: PARTNERS.join(',') });
    service = await startService(intakeService(settings, { groupId, logLevels: ['error'] }, clock));
    await mongo.connect();
  }, 120_000);

  afterAll(() => test.close(service));

  it('sends an application, follows the partner’s acknowledgement, acceptance and travel document, notifies the transfer and records the handover', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const requestNumber = await sendRequest('DE');
    expect(requestNumber).toMatch(/^AZR-2026-\d{6}$/);
    const submitted = await sentToPartner('DE', requestNumber, 'readmission.request.submitted.v1');
    expect(submitted.payload).toMatchObject({
      requestNumber,
      agreement: 'EU-AZ',
      submittedAt: '2026-12-02T10:00:00+04:00',
      person: { nationality: 'DE' },
    });
    expect(String(submitted.headers?.ce_subject)).toBe(requestNumber);
    // EU-AZ: 15 calendar days from receipt (docs/rules.md#reply-time-limits).
    expect(await stored(requestNumber)).toMatchObject({ status: 'submitted', replyDueBy: '2026-12-17T19:59:59.000Z' });

    await partnerSends('DE', 'readmission.request.acknowledged.v1', {
      requestNumber,
      partnerCaseReference: 'BAMF-IN-1',
      receivedAt: '2026-12-02T08:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'acknowledged', 30_000);
    const decidedId = await partnerSends('DE', 'readmission.request.decided.v1', {
      requestNumber,
      decision: 'accepted',
      decidedAt: '2026-12-04T12:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'accepted', 30_000);
    // A redelivery of the decision (same ce_id) changes nothing.
    await partnerSends(
      'DE',
      'readmission.request.decided.v1',
      { requestNumber, decision: 'accepted', decidedAt: '2026-12-04T12:00:00+01:00' },
      decidedId,
    );
    await partnerSends('DE', 'readmission.request.travel-document-issued.v1', {
      requestNumber,
      documentNumber: 'DE-LP-77',
      validFrom: '2026-12-04',
      validUntil: '2027-01-31',
    });
    await waitUntil(async () => (await stored(requestNumber)).travelDocument?.documentNumber === 'DE-LP-77', 30_000);
    const accepted = await stored(requestNumber);
    expect(accepted).toMatchObject({
      partnerCaseReference: 'BAMF-IN-1',
      decision: { decision: 'accepted', deemed: false },
      // Three months from the acceptance's receipt (the broker's time: partner answers are received when appended).
      transferDueBy: endOfBakuDay(addMonths(bakuDate(new Date(accepted.decision.decidedAt)), 3)).toISOString(),
    });
    expect(accepted.history.map((h: { type: string }) => h.type)).toEqual([
      'readmission.request.submitted.v1',
      'readmission.request.acknowledged.v1',
      'readmission.request.decided.v1',
      'readmission.request.travel-document-issued.v1',
    ]);

    // Monday 7 December: Thursday 10 is the earliest arrival (3 of Germany's working days).
    clock.set('2026-12-07T10:00:00+04:00');
    const notice = {
      plannedDeparture: '2026-12-09T06:00:00+04:00',
      plannedArrival: '2026-12-09T09:00:00+01:00',
      borderCrossingPoint: 'DE-FRA',
      departureCrossingPoint: 'GYD',
      transport: { mode: 'air', flightNumber: 'J2 025' },
    };
    const early = await post(`/outgoing-requests/${requestNumber}/transfer-notice`, notice);
    expect(early.status).toBe(422);
    expect(await early.json()).toMatchObject({
      details: [
        expect.objectContaining({
          field: 'plannedArrival',
          code: 'notice-too-late',
          article: 'docs/rules.md#advance-notice-of-a-transfer',
        }),
      ],
    });
    // The crossing points are codes of the crossing-point reference data: the partner's, and Azerbaijan's departure point.
    const planned = { plannedDeparture: '2026-12-10T06:00:00+04:00', plannedArrival: '2026-12-10T09:00:00+01:00' };
    const unknownPoints = await post(`/outgoing-requests/${requestNumber}/transfer-notice`, {
      ...notice,
      ...planned,
      borderCrossingPoint: 'CH-ZRH',
      departureCrossingPoint: 'FRA',
    });
    expect(unknownPoints.status).toBe(422);
    expect(((await unknownPoints.json()) as { details: object[] }).details).toEqual([
      expect.objectContaining({
        field: 'borderCrossingPoint',
        code: 'unknown-crossing-point',
        message: expect.stringContaining('DE-FRA, DE-MUC, DE-BER'),
      }),
      expect.objectContaining({ field: 'departureCrossingPoint', code: 'unknown-crossing-point' }),
    ]);
    const ok = await post(`/outgoing-requests/${requestNumber}/transfer-notice`, { ...notice, ...planned });
    expect(ok.status).toBe(201);
    const notified = await sentToPartner('DE', requestNumber, 'readmission.request.transfer-notified.v1');
    expect(notified.payload).toMatchObject({
      transferReference: `AZT-${requestNumber}`,
      borderCrossingPoint: 'DE-FRA',
      travelDocumentNumber: 'DE-LP-77',
    });
    expect((await stored(requestNumber)).transfer).toMatchObject({ crossingPointsVersion: '2026.1' });
    // One notice at a time.
    expect((await post(`/outgoing-requests/${requestNumber}/transfer-notice`, { ...notice, ...planned })).status).toBe(409);

    // Germany cannot receive at Frankfurt that day: the notice is set aside and the officer notifies another.
    await partnerSends('DE', 'readmission.request.transfer-refused.v1', {
      requestNumber,
      transferReference: `AZT-${requestNumber}`,
      reasons: [{ code: 'crossing-point-closed', message: 'no escorted returns at Frankfurt on 10 December' }],
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'accepted', 30_000);
    const refused = await stored(requestNumber);
    expect(refused.transfer).toBeUndefined();
    expect(refused.refusedTransfers).toEqual([
      expect.objectContaining({
        transferReference: `AZT-${requestNumber}`,
        borderCrossingPoint: 'DE-FRA',
        refusal: expect.objectContaining({ reasons: [{ code: 'crossing-point-closed', message: expect.any(String) }] }),
      }),
    ]);
    expect((await post(`/outgoing-requests/${requestNumber}/handover`, {}, 'border-officer', ['GYD'])).status).toBe(409);
    const again = await post(`/outgoing-requests/${requestNumber}/transfer-notice`, {
      ...notice,
      ...planned,
      borderCrossingPoint: 'DE-MUC',
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ transferReference: `AZT-${requestNumber}-2` });
    const [second] = (
      await outbound.waitFor(
        (r) =>
          String(r.key) === requestNumber &&
          String(r.headers?.ce_type) === 'readmission.request.transfer-notified.v1' &&
          outbound.json<{ transferReference: string }>(r).transferReference === `AZT-${requestNumber}-2`,
      )
    ).map((r) => outbound.json<Record<string, unknown>>(r));
    expect(second).toMatchObject({ borderCrossingPoint: 'DE-MUC' });
    // A confirmation of the refused notice changes nothing; the confirmation of the new one is recorded.
    await partnerSends('DE', 'readmission.request.transfer-confirmed.v1', {
      requestNumber,
      transferReference: `AZT-${requestNumber}`,
      arrival: '2026-12-10T09:00:00+01:00',
      borderCrossingPoint: 'DE-FRA',
    });
    await partnerSends('DE', 'readmission.request.transfer-confirmed.v1', {
      requestNumber,
      transferReference: `AZT-${requestNumber}-2`,
      arrival: '2026-12-10T09:00:00+01:00',
      borderCrossingPoint: 'DE-MUC',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'transfer-confirmed', 30_000);
    const confirmed = await stored(requestNumber);
    expect(confirmed.transfer).toMatchObject({
      transferReference: `AZT-${requestNumber}-2`,
      confirmation: { arrival: '2026-12-10T09:00:00+01:00', borderCrossingPoint: 'DE-MUC' },
    });
    expect(confirmed.history.map((h: { type: string }) => h.type).slice(-5)).toEqual([
      'readmission.request.transfer-notified.v1',
      'readmission.request.transfer-refused.v1',
      'readmission.request.transfer-notified.v1',
      'readmission.request.transfer-confirmed.v1',
      'readmission.request.transfer-confirmed.v1',
    ]);
    const listed = (await (await api('/outgoing-requests?status=transfer-confirmed', 'officer')).json()) as { _id: string }[];
    expect(listed.map((r) => r._id)).toContain(requestNumber);

    // The border officer's departures: only at the token's crossing points, with the person's name and the transfer.
    const departures = async (points: string[]) =>
      ((await (await api('/outgoing-requests/departures', 'border-officer', {}, points)).json()) as { requestNumber: string }[]).filter(
        (d) => d.requestNumber === requestNumber,
      );
    expect(await departures(['AST'])).toEqual([]);
    const [departure] = await departures(['GYD']);
    expect(departure).toMatchObject({
      requestNumber,
      partnerCode: 'DE',
      person: { surname: application('DE').person.surname },
      transfer: { departureCrossingPoint: 'GYD', borderCrossingPoint: 'DE-MUC', transferReference: `AZT-${requestNumber}-2` },
    });
    expect(Object.keys(departure).sort()).toEqual(['partnerCode', 'person', 'requestNumber', 'transfer']);
    expect((await api('/outgoing-requests/departures', 'officer')).status).toBe(403);

    expect((await post(`/outgoing-requests/${requestNumber}/handover`, {}, 'border-officer', ['AST'])).status).toBe(403);
    clock.set('2026-12-10T06:10:00+04:00');
    const handover = await post(`/outgoing-requests/${requestNumber}/handover`, {}, 'border-officer', ['GYD']);
    expect(handover.status).toBe(200);
    const handedOver = await sentToPartner('DE', requestNumber, 'readmission.request.handed-over.v1');
    expect(handedOver.payload).toMatchObject({ requestNumber, handedOverAt: '2026-12-10T06:10:00+04:00', borderCrossingPoint: 'GYD' });
    expect(await stored(requestNumber)).toMatchObject({
      status: 'handed-over',
      handover: { crossingPoint: 'GYD', by: 'it-border-officer' },
    });
    expect(await departures(['GYD'])).toEqual([]);
    // Transfer is told each step of the outgoing transfers, for its cost ledger.
    // (Request numbers restart in every test database while the topic is shared: only this run's records count.)
    const steps = await outgoingTransfers.waitFor(
      (r) => String(r.headers?.ce_subject) === requestNumber && Number(r.timestamp) >= startedAt,
      5,
    );
    expect(steps.map((r) => outgoingTransfers.json<{ transferReference: string; event: string }>(r))).toEqual([
      expect.objectContaining({ transferReference: `AZT-${requestNumber}`, event: 'notified', borderCrossingPoint: 'DE-FRA' }),
      expect.objectContaining({ transferReference: `AZT-${requestNumber}`, event: 'refused' }),
      expect.objectContaining({ transferReference: `AZT-${requestNumber}-2`, event: 'notified', borderCrossingPoint: 'DE-MUC' }),
      expect.objectContaining({ transferReference: `AZT-${requestNumber}-2`, event: 'confirmed' }),
      expect.objectContaining({ transferReference: `AZT-${requestNumber}-2`, event: 'handed-over', partnerCode: 'DE', agreement: 'EU-AZ' }),
    ]);
    const audit = (await (await api(`/audit-trail?subject=${requestNumber}`, 'auditor')).json()) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['outgoing-request-sent', 'request-transfer-notified', 'request-handed-over']),
    );
  }, 120_000);

  it('refuses to send an application that breaks a rule, naming the field and the article, and sends nothing', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const before = (await mongo.db(database).collection('outgoing-requests').countDocuments()) as number;
    const wrong = application('DE', {
      person: { ...application('DE').person, nationality: 'FR' },
      evidence: [{ type: 'hotel-bill', form: 'copy' }],
    });
    const res = await post('/outgoing-requests', wrong);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { details: { field: string; code: string; article: string }[] };
    expect(body.details).toEqual([
      expect.objectContaining({
        field: 'person.nationality',
        code: 'not-a-national-of-the-requested-state',
        article: expect.stringContaining('docs/rules.md'),
      }),
      expect.objectContaining({ field: 'evidence', code: 'no-evidence-of-nationality' }),
    ]);
    const tooLate = application('DE', {
      category: 'third-country-national',
      knowledgeDate: '2026-05-01',
      person: { ...application('DE').person, nationality: 'AF' },
      evidence: [{ type: 'visa', form: 'original', issuingCountry: 'DE' }],
    });
    const checked = await post('/outgoing-requests/check', tooLate);
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({
      ok: false,
      problems: [{ field: 'knowledgeDate', code: 'submission-time-limit-exceeded' }],
    });
    expect((await post('/outgoing-requests', application('DK'))).status).toBe(422);
    expect((await post('/outgoing-requests', { ...application('DE'), person: { surname: 'X' } })).status).toBe(400);
    expect(await mongo.db(database).collection('outgoing-requests').countDocuments()).toBe(before);
  }, 60_000);

  it('deems the application accepted when Germany does not reply in time (EU-AZ), after the alerts', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const requestNumber = await sendRequest('DE');
    const sweeps = service.app.get(SweepRequestReplyLimits);
    clock.set('2026-12-15T12:00:00+04:00'); // 72 h alert point passed, 24 h not yet
    await sweeps.sweep();
    expect(await stored(requestNumber)).toMatchObject({ status: 'submitted', alertsRaised: [72] });
    clock.set('2026-12-18T00:00:05+04:00');
    await sweeps.sweep();
    const deemed = await stored(requestNumber);
    expect(deemed).toMatchObject({
      status: 'accepted',
      decision: { decision: 'accepted', deemed: true },
      transferDueBy: '2027-03-17T19:59:59.000Z',
    });
    expect(deemed.events.map((e: { event: string }) => e.event)).toEqual(['reply-alert', 'deemed-acceptance']);
    // A second sweep does nothing more; a late refusal is kept and changes nothing.
    expect(await sweeps.sweep()).toMatchObject({ deemed: 0 });
    await partnerSends('DE', 'readmission.request.decided.v1', {
      requestNumber,
      decision: 'refused',
      grounds: 'too late',
      decidedAt: '2026-12-19T10:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).history.length === 2, 30_000);
    expect(await stored(requestNumber)).toMatchObject({ status: 'accepted', decision: { deemed: true } });
  }, 60_000);

  it('starts the Swiss reply clock at the acknowledgement and marks silence overdue, never accepted (CH-AZ)', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const requestNumber = await sendRequest('CH');
    expect((await stored(requestNumber)).replyDueBy).toBeUndefined();
    await partnerSends('CH', 'readmission.request.acknowledged.v1', {
      requestNumber,
      partnerCaseReference: 'SEM-1',
      receivedAt: '2026-12-03T09:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'acknowledged', 30_000);
    // 15 calendar days from the acknowledgement's receipt (the broker's append time).
    const acknowledged = await stored(requestNumber);
    const replyDueBy = endOfBakuDay(addCalendarDays(bakuDate(new Date(acknowledged.acknowledgedAt)), 15));
    expect(acknowledged.replyDueBy).toBe(replyDueBy.toISOString());
    clock.set(new Date(replyDueBy.getTime() + 5000));
    expect(await service.app.get(SweepRequestReplyLimits).sweep()).toMatchObject({ overdue: 1 });
    expect(await stored(requestNumber)).toMatchObject({ status: 'overdue', escalated: true });
    // The gauge the alert OutgoingRequestReplyOverdue reads, and the counter of the event.
    const gauge = service.app.get(OutgoingRequestsOverdueGauge);
    expect((await gauge.refresh()).get('CH')).toBe(1);
    expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(
      /intake_outgoing_request_time_limit_events_total\{partner="CH",event="reply-overdue"\} 1/,
    );
    // The partner's refusal, late, still counts: no deemed acceptance stands in its way.
    await partnerSends('CH', 'readmission.request.decided.v1', {
      requestNumber,
      decision: 'refused',
      grounds: 'not a Swiss national (register)',
      decidedAt: '2026-12-19T10:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'refused', 30_000);
    expect(await stored(requestNumber)).toMatchObject({
      decision: { decision: 'refused', grounds: 'not a Swiss national (register)', deemed: false },
    });
    expect((await gauge.refresh()).get('CH')).toBeUndefined();
  }, 60_000);

  it('alerts before the transfer time limit of an accepted request and lets it expire when no transfer is notified', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const requestNumber = await sendRequest('DE');
    await partnerSends('DE', 'readmission.request.decided.v1', {
      requestNumber,
      decision: 'accepted',
      decidedAt: '2026-12-03T10:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'accepted', 30_000);
    const transferDueBy = new Date((await stored(requestNumber)).transferDueBy);
    const sweeps = service.app.get(SweepRequestTransferLimits);
    clock.set(new Date(transferDueBy.getTime() - 10 * 86_400_000)); // the 14-day point passed, the 3-day one not yet
    await sweeps.sweep();
    expect((await stored(requestNumber)).events).toEqual([
      expect.objectContaining({ event: 'transfer-alert', details: expect.objectContaining({ daysBefore: 14 }) }),
    ]);
    // Past the limit: no late alert, the expiry.
    clock.set(new Date(transferDueBy.getTime() + 5000));
    await sweeps.sweep();
    const expired = await stored(requestNumber);
    expect(expired).toMatchObject({ status: 'expired', escalated: true });
    expect(expired.events.map((e: { event: string }) => e.event)).toEqual(['transfer-alert', 'transfer-time-limit-expired']);
    // An expired acceptance carries no transfer any more.
    const notice = await post(`/outgoing-requests/${requestNumber}/transfer-notice`, {
      plannedDeparture: new Date(transferDueBy.getTime() - 86_400_000).toISOString(),
      plannedArrival: new Date(transferDueBy.getTime() - 86_400_000).toISOString(),
      borderCrossingPoint: 'DE-FRA',
      departureCrossingPoint: 'GYD',
      transport: { mode: 'air' },
    });
    expect(notice.status).toBe(422);
    expect(await notice.json()).toMatchObject({ details: [expect.objectContaining({ code: 'not-accepted' })] });
  }, 60_000);

  it('records a rejection of the application as invalid, by field: no decision on the merits, no time limit any more', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const requestNumber = await sendRequest('DE');
    await partnerSends('DE', 'readmission.request.acknowledged.v1', {
      requestNumber,
      partnerCaseReference: 'BAMF-IN-2',
      receivedAt: '2026-12-02T08:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).status === 'acknowledged', 30_000);
    const reasons = [
      { code: 'invalid-message', field: '$.person.dateOfBirth', message: 'the date of birth differs from the passport' },
      { code: 'no-evidence-of-nationality', message: 'the passport number is not in the register' },
    ];
    await partnerSends('DE', 'readmission.request.rejected.v1', { requestNumber, reasons, rejectedAt: '2026-12-03T09:00:00+01:00' });
    await waitUntil(async () => (await stored(requestNumber)).status === 'rejected', 30_000);
    const rejected = await stored(requestNumber);
    expect(rejected).toMatchObject({ rejection: { reasons, rejectedAt: '2026-12-03T09:00:00+01:00' }, replyLimitHandled: true });
    expect(rejected.decision).toBeUndefined();
    const [summary] = (await (await api(`/outgoing-requests?status=rejected&partner=DE`, 'officer')).json()) as StoredRequest[];
    expect(summary).toMatchObject({ status: 'rejected', rejection: { reasons } });
    // The reply time limit no longer runs: past it, no deemed acceptance.
    clock.set('2026-12-18T00:00:05+04:00');
    await service.app.get(SweepRequestReplyLimits).sweep();
    expect(await stored(requestNumber)).toMatchObject({ status: 'rejected', events: [] });
    // A decision after the rejection is kept as received and changes nothing; a transfer cannot be notified.
    await partnerSends('DE', 'readmission.request.decided.v1', {
      requestNumber,
      decision: 'accepted',
      decidedAt: '2026-12-04T10:00:00+01:00',
    });
    await waitUntil(async () => (await stored(requestNumber)).history.length === 4, 30_000);
    expect(await stored(requestNumber)).toMatchObject({ status: 'rejected' });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(
      /intake_outgoing_request_answers_total\{partner="DE",type="readmission.request.rejected.v1",outcome="rejected"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /intake_outgoing_request_answers_total\{partner="DE",type="readmission.request.decided.v1",outcome="kept"\} [1-9]/,
    );
  }, 60_000);

  it('answers an answer about a request it never sent with unknown-reference', async () => {
    const id = await partnerSends('DE', 'readmission.request.acknowledged.v1', {
      requestNumber: 'AZR-2026-999999',
      partnerCaseReference: 'X-1',
      receivedAt: '2026-12-03T09:00:00+01:00',
    });
    const [rejection] = await outbound.waitFor((r) => String(r.headers?.ce_causationid) === id);
    expect(outbound.json(rejection)).toMatchObject({
      partnerReference: 'AZR-2026-999999',
      reasons: [{ code: 'unknown-reference', field: '$.requestNumber' }],
    });
  }, 60_000);

  it('erases the application and the messages of requests that ended once their retention period has passed: open and held ones untouched, the list intact, each purge audited', async () => {
    clock.set('2026-12-02T10:00:00+04:00');
    const refuse = async (requestNumber: string) => {
      await partnerSends('DE', 'readmission.request.decided.v1', {
        requestNumber,
        decision: 'refused',
        grounds: 'the passport presented was issued to another person',
        decidedAt: '2026-12-03T10:00:00+01:00',
      });
      await waitUntil(async () => (await stored(requestNumber)).status === 'refused', 30_000);
    };
    const [purged, held, open] = [await sendRequest('DE'), await sendRequest('DE'), await sendRequest('DE')];
    await refuse(purged);
    await refuse(held);
    const admin = (path: string, reason: string) =>
      api(path, 'admin', { method: path.endsWith('/lift') ? 'POST' : 'PUT', body: JSON.stringify({ reason }) });
    expect((await admin(`/legal-holds/${held}`, 'complaint 5/2031')).status).toBe(200);
    const list = async () =>
      ((await (await api('/outgoing-requests?limit=100', 'auditor')).json()) as { _id: string; status: string }[])
        .map((r) => `${r._id} ${r.status}`)
        .sort(); // equal send times: the list's order among them is not fixed
    const before = await list();
    const purge = service.app.get(PurgePersonalData);
    const kind = (runs: { kind: string; purged: number; held: number }[]) => runs.find((r) => r.kind === 'ended-outgoing-requests');
    expect(kind(await purge.sweep())).toEqual({ kind: 'ended-outgoing-requests', purged: 0, held: 0 });
    clock.set('2033-06-01T10:00:00+04:00'); // more than five years after every request of this run
    expect((await sweepUntilDone(() => purge.sweep()))['ended-outgoing-requests']).toMatchObject({ purged: expect.any(Number), held: 1 });

    // The raw store: the refused request keeps partner, status, dates and the decision, not the application or the messages' content.
    const raw = (requestNumber: string) =>
      mongo.db(database).collection<{ _id: string } & Record<string, unknown>>('outgoing-requests').findOne({ _id: requestNumber });
    const gone = await raw(purged);
    expect(gone).toMatchObject({ status: 'refused', partnerCode: 'DE', decision: { decision: 'refused' }, purgedAt: expect.any(Date) });
    expect(gone).not.toHaveProperty('application');
    expect(gone?.decision).not.toHaveProperty('grounds');
    const history = gone!.history as Record<string, unknown>[];
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.filter((h) => 'payload' in h)).toEqual([]);
    expect((await stored(purged)).status).toBe('refused');
    // The held and the open request are as they were (sealed); the list is the same.
    expect((await raw(held))?.application).toMatch(/^enc:1:/);
    expect(await raw(open)).not.toHaveProperty('purgedAt');
    expect((await raw(open))?.application).toMatch(/^enc:1:/);
    expect(await list()).toEqual(before);
    const purges = async (subject: string) =>
      ((await (await api(`/audit-trail?subject=${subject}`, 'auditor')).json()) as { action: string; details?: object }[]).filter(
        (e) => e.action === 'personal-data-purged',
      );
    expect(await purges(purged)).toEqual([expect.objectContaining({ details: { kind: 'ended-outgoing-requests', record: purged } })]);
    expect(await purges(held)).toEqual([]);
    // Lifted, the next run purges it.
    expect((await admin(`/legal-holds/${held}/lift`, 'complaint closed')).status).toBe(200);
    expect((await sweepUntilDone(() => purge.sweep()))['ended-outgoing-requests']).toEqual({
      kind: 'ended-outgoing-requests',
      purged: 1,
      held: 0,
    });
    expect(await raw(held)).not.toHaveProperty('application');
  }, 120_000);
});
