import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Rulebook, SHIPPED_RULEBOOKS, addCalendarDays, bakuDate, endOfBakuDay, formatInstant } from '@readmission/agreements';
import { Role, loadOrCreateDevKey, mintDevToken } from '@readmission/auth';
import {
  buildPartnerRecord,
  deadLetterTopic,
  encodeInternalEvent,
  partnerInboundTopic,
  partnerOutboundTopic,
} from '@readmission/contracts';
import { ManualClock, RunningService, startService } from '@readmission/platform';
import { PurgePersonalData } from './application/purge-personal-data';
import { Collector, ServiceTest, waitUntil, sweepUntilDone } from '@readmission/testing';
import { intakeService } from './intake.app';
import { intakeSettingsForTest } from './settings';

/**
 * Intake in this process with a clock the test moves, against the real broker and store: every rejection code
 * per agreement, acknowledgements with their replyDueBy, redelivery, ordering, the officer and operator APIs.
 */
const run = randomUUID().slice(0, 8);
const PARTNERS = ['DE', 'NO', 'CH', 'ME', 'DK'];
const groupId = `it-${run}-intake`;
const database = `it-${run}-intake`;
const devKeyFile = join(mkdtempSync(join(tmpdir(), 'intake-it-')), 'dev-key.json');
const valid = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures', 'valid', `${name}.json`), 'utf8')).value;
const national = valid('application-submitted-national');
const transit = valid('transit-requested');
const tcn = valid('application-submitted-tcn-accelerated');
const SUBMITTED = 'readmission.application.submitted.v1';
const ACK = 'readmission.application.acknowledged.v1';
const REJECTED = 'readmission.application.rejected.v1';
const REPLY_REQUESTED = 'readmission.internal.partner-reply-requested.v1';

let n = 0;
const ref = (label: string) => `IT-${run}-${label}-${++n}`;

describe('intake against the real broker and store', () => {
  const clock = new ManualClock(new Date('2026-11-24T10:00:00+04:00'));
  const test = new ServiceTest(database);
  const { kafka, mongo } = test;
  let service: RunningService;
  let outbound: Collector;
  let internal: Collector;
  let deadLetters: Collector;

  const send = async (cc: string, type: string, value: object, extra: { id?: string; key?: string } = {}) => {
    const record = buildPartnerRecord({ type, value, source: `urn:authority:${cc.toLowerCase()}:test`, ...extra });
    await kafka.send(partnerInboundTopic(cc), [record]);
    return record.headers.ce_id;
  };
  const replyTo = async (cc: string, ceId: string, count = 1) => {
    const found = await outbound.waitFor((r) => r.topic === partnerOutboundTopic(cc) && String(r.headers?.ce_causationid) === ceId, count);
    return found.map((r) => ({
      type: String(r.headers?.ce_type),
      id: String(r.headers?.ce_id),
      payload: outbound.json<Record<string, unknown>>(r),
    }));
  };
  const api = async (path: string, role: Role, init: RequestInit = {}) => {
    const token = await mintDevToken(devKeyFile, { subject: `it-${role}`, roles: [role] });
    return fetch(`${service.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  };
  const cases = () => mongo.db(database).collection<{ _id: string } & Record<string, unknown>>('cases');

  beforeAll(async () => {
    loadOrCreateDevKey(devKeyFile);
    // The group starts at the end of every topic intake reads: earlier runs' records are not this test's business.
    const consumed = [...PARTNERS.map(partnerInboundTopic), 'readmission.internal.partner-reply-requested.v1'];
    await kafka.createTopics([...consumed, ...PARTNERS.map(partnerOutboundTopic)]);
    await kafka.startGroupAtEnd(groupId, consumed);
    outbound = await kafka.collect(PARTNERS.map(partnerOutboundTopic));
    const routedTopics = [
      'readmission.internal.application-supplemented.v1',
      'readmission.internal.application-withdrawn.v1',
      'readmission.internal.case-registered.v1',
      'readmission.internal.transit-requested.v1',
    ];
    await kafka.createTopics(routedTopics);
    internal = await kafka.collect(routedTopics);
    await kafka.createTopics([deadLetterTopic(groupId)]);
    deadLetters = await kafka.collect([deadLetterTopic(groupId)]);
    const settings = intakeSettingsForTest({ AUTH_DEV_KEY_FILE: devKeyFile, MONGODB_DB: database, PARTNERS: PARTNERS.join(',') });
    service = await startService(intakeService(settings, { groupId, logLevels: ['error', 'warn'] }, clock));
    await mongo.connect();
  }, 120_000);

  afterAll(() => test.close(service));

  it.each([
    ['DE', 'EU-AZ', national, '2026-12-09T23:59:59+04:00'],
    ['NO', 'NO-AZ', national, '2026-12-09T23:59:59+04:00'],
    ['CH', 'CH-AZ', national, '2026-12-09T23:59:59+04:00'],
    ['ME', 'ME-AZ', national, '2026-12-09T23:59:59+04:00'],
    // Accelerated: two of Azerbaijan's working days after Tuesday 24 Nov 2026.
    [
      'CH',
      'CH-AZ',
      { ...tcn, apprehension: { ...tcn.apprehension, at: '2026-11-23T18:00:00+01:00' }, knowledgeDate: '2026-11-23' },
      '2026-11-26T23:59:59+04:00',
    ],
  ])('acknowledges a valid application from %s under %s with its replyDueBy', async (cc, agreement, application, replyDueBy) => {
    const partnerReference = ref('ack');
    const id = await send(cc, SUBMITTED, { ...application, partnerReference });
    const [reply] = await replyTo(cc, id);
    expect(reply.type).toBe(ACK);
    expect(reply.payload).toMatchObject({
      partnerReference,
      agreement,
      receivedAt: '2026-11-24T10:00:00+04:00',
      replyDueBy,
      caseNumber: expect.stringMatching(/^RA-2026-\d{6}$/),
    });
    const stored = await cases().findOne({ _id: reply.payload.caseNumber as string });
    // Received on 24 November 2026 (the test's clock): the shipped 2026.1 was in effect (2026.2 applies from 30 November).
    expect(stored).toMatchObject({ partnerCode: cc, agreement, rulebookVersion: '2026.1', status: 'registered' });
    expect((stored!.history as { direction: string }[]).map((h) => h.direction)).toEqual(['inbound', 'outbound']);
  });

  // One application per rejection code and agreement, all published at once, each answered with its code.
  const rejections: [string, string, string, () => object][] = [];
  for (const cc of ['DE', 'NO', 'CH', 'ME']) {
    rejections.push(
      [cc, 'invalid-message', '$.person', () => ({ ...national, person: undefined, partnerReference: ref('inv') })],
      [
        cc,
        'submission-time-limit-exceeded',
        '$.knowledgeDate',
        () => ({ ...tcn, procedure: 'normal', apprehension: undefined, knowledgeDate: '2026-05-23', partnerReference: ref('late') }),
      ],
      [
        cc,
        'submission-time-limit-exceeded',
        '$.apprehension.at',
        () => ({ ...tcn, apprehension: { ...tcn.apprehension, at: '2026-11-19T10:00:00+01:00' }, partnerReference: ref('lateacc') }),
      ],
      [
        cc,
        'accelerated-procedure-not-applicable',
        '$.apprehension.nearBorder',
        () => ({ ...tcn, apprehension: { ...tcn.apprehension, nearBorder: false }, partnerReference: ref('inland') }),
      ],
    );
  }
  rejections.push(['DK', 'no-applicable-agreement', '', () => ({ ...national, partnerReference: ref('dk') })]);

  it('answers every rejection code of an application under every agreement', async () => {
    const sent = [];
    for (const [cc, code, field, build] of rejections) sent.push({ cc, code, field, id: await send(cc, SUBMITTED, build()) });
    for (const s of sent) {
      const [reply] = await replyTo(s.cc, s.id);
      expect({ cc: s.cc, type: reply.type, reasons: reply.payload.reasons }).toEqual({
        cc: s.cc,
        type: REJECTED,
        reasons: [expect.objectContaining({ code: s.code, message: expect.any(String), ...(s.field ? { field: s.field } : {}) })],
      });
    }
  });

  it('answers unsupported-type, no-applicable-agreement before entry into force, and obligation-not-in-force', async () => {
    const unsupported = await send('ME', 'readmission.application.teleported.v1', { ...national, partnerReference: ref('type') });
    expect((await replyTo('ME', unsupported))[0].payload.reasons).toEqual([expect.objectContaining({ code: 'unsupported-type' })]);
    for (const [cc, day] of [
      ['DE', '2014-08-31'],
      ['NO', '2015-05-31'],
      ['CH', '2017-03-31'],
      ['ME', '2017-12-14'],
    ]) {
      clock.set(`${day}T12:00:00+04:00`);
      const id = await send(cc, SUBMITTED, { ...national, partnerReference: ref('early') });
      // The basis: the agreement's entry into force, as the rulebook in effect then (2026.1) gives its source.
      expect((await replyTo(cc, id))[0].payload.reasons).toEqual([
        expect.objectContaining({
          code: 'no-applicable-agreement',
          message: expect.stringMatching(/ \(entry into force: [A-Z]{2}-AZ, .*\), not on /),
        }),
      ]);
    }
    clock.set('2019-06-01T12:00:00+04:00');
    const swissTcn = await send('CH', SUBMITTED, {
      ...tcn,
      procedure: 'normal',
      apprehension: undefined,
      knowledgeDate: '2019-05-01',
      partnerReference: ref('tcn2019'),
    });
    expect((await replyTo('CH', swissTcn))[0].payload.reasons).toEqual([
      expect.objectContaining({ code: 'obligation-not-in-force', field: '$.category' }),
    ]);
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it.each([
    ['DE', 'EU-AZ'],
    ['NO', 'NO-AZ'],
    ['CH', 'CH-AZ'],
    ['ME', 'ME-AZ'],
  ])(
    '%s: rejections about the interface say so and name the article of %s on what an application or a transfer notice contains (rulebook 2026.2)',
    async (cc, agreement) => {
      clock.set('2026-12-01T10:00:00+04:00'); // received under 2026.2 (in effect from 30 November)
      const rules = Rulebook.from(SHIPPED_RULEBOOKS[0]).agreement(agreement);
      const content = rules.rules.applicationContent!;
      const contains = `What an application contains, as far as possible (${agreement}, ${content.source}, ${content.status}): ${content.value[0]}`;
      const notice = `(${agreement}, ${rules.timeLimits.advanceNotice.source}, ${rules.timeLimits.advanceNotice.status})`;
      const interfaceMatter =
        'This concerns the partner interface (the readmission messages, version 1.x), not a decision under the agreement';
      const messageOf = async (id: string) => ((await replyTo(cc, id))[0].payload.reasons as { code: string; message: string }[])[0];

      const invalid = await messageOf(await send(cc, SUBMITTED, { ...national, person: undefined, partnerReference: ref('art-inv') }));
      expect(invalid.code).toBe('invalid-message');
      expect(invalid.message).toContain(`${interfaceMatter}: correct the message and send it again. ${contains}`);

      const partnerReference = ref('art-dup');
      await replyTo(cc, await send(cc, SUBMITTED, { ...national, partnerReference }));
      const duplicate = await messageOf(await send(cc, SUBMITTED, { ...national, partnerReference, escortRequired: true }));
      expect(duplicate.code).toBe('duplicate-reference');
      expect(duplicate.message).toContain('send readmission.application.supplemented.v1 with this reference');
      expect(duplicate.message).toContain(contains);

      const supplement = await messageOf(
        await send(cc, 'readmission.application.supplemented.v1', { partnerReference: ref('art-none'), note: 'more' }),
      );
      expect(supplement.code).toBe('unknown-reference');
      expect(supplement.message).toContain(
        `${interfaceMatter}: a supplement, withdrawal or remedy statement names an application registered for ${cc}`,
      );
      expect(supplement.message).toContain(contains);

      const transfer = await messageOf(
        await send(cc, 'readmission.transfer.notified.v1', {
          transferReference: ref('art-tr'),
          partnerReferences: [ref('art-none')],
          plannedArrival: '2026-12-10T14:25:00+04:00',
          borderCrossingPoint: 'GYD',
          transport: { mode: 'air' },
        }),
      );
      expect(transfer.code).toBe('unknown-reference');
      expect(transfer.message).toContain(
        `border crossing point, escorts and other relevant information, at least 3 working days before ${notice}`,
      );
      clock.set('2026-11-24T10:00:00+04:00');
    },
  );

  it('takes the broker’s receipt time, so that a backlog in intake never moves a deadline', async () => {
    // The record reaches the broker now; intake (its clock three days ahead) handles it as after an outage.
    const now = new Date();
    const bakuToday = new Date(now.getTime() + 4 * 3600_000).toISOString().slice(0, 10);
    const knowledge = new Date(`${bakuToday}T00:00:00Z`);
    knowledge.setUTCMonth(knowledge.getUTCMonth() - 6); // the six months end today (Baku)
    clock.set(new Date(now.getTime() + 3 * 86_400_000));
    const partnerReference = ref('backlog');
    const id = await send('DE', SUBMITTED, {
      ...tcn,
      procedure: 'normal',
      apprehension: undefined,
      knowledgeDate: knowledge.toISOString().slice(0, 10),
      partnerReference,
    });
    const [reply] = await replyTo('DE', id);
    clock.set('2026-11-24T10:00:00+04:00');
    expect(reply.type).toBe(ACK);
    expect(new Date(reply.payload.receivedAt as string).getTime()).toBeLessThanOrEqual(Date.now());
    const admin = kafka.kafka.admin();
    await admin.connect();
    const config = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: partnerInboundTopic('DE'), configNames: ['message.timestamp.type'] }],
    });
    await admin.disconnect();
    expect(config.resources[0].configEntries[0]).toMatchObject({ configValue: 'LogAppendTime' });
  });

  it('answers duplicate-reference for a reused reference, and repeats the acknowledgement for a resend', async () => {
    const partnerReference = ref('dup');
    const first = await send('DE', SUBMITTED, { ...national, partnerReference });
    const [ack] = await replyTo('DE', first);
    await send('DE', SUBMITTED, { ...national, partnerReference });
    // The resend (new ce_id, same content) gets the first acknowledgement again: the very same message, same ce_id.
    expect((await replyTo('DE', first, 2))[1]).toEqual(ack);
    const kept = await cases().findOne({ partnerReference });
    expect((kept?.history as { direction: string }[]).filter((h) => h.direction === 'inbound')).toHaveLength(2); // both receipts recorded
    const reused = await send('DE', SUBMITTED, { ...national, partnerReference, escortRequired: true });
    expect((await replyTo('DE', reused))[0].payload.reasons).toEqual([
      expect.objectContaining({ code: 'duplicate-reference', field: '$.partnerReference' }),
    ]);
    expect(await cases().countDocuments({ partnerReference })).toBe(1);
  });

  it('answers unknown-reference for supplements, withdrawals and transfer messages about cases that do not exist', async () => {
    const messages: [string, object][] = [
      ['readmission.application.supplemented.v1', { partnerReference: ref('nosuch'), note: 'more' }],
      ['readmission.application.withdrawn.v1', { partnerReference: ref('nosuch'), reason: 'left' }],
      [
        'readmission.transfer.notified.v1',
        {
          transferReference: ref('tr'),
          partnerReferences: [ref('nosuch')],
          plannedArrival: '2026-12-10T14:25:00+04:00',
          borderCrossingPoint: 'GYD',
          transport: { mode: 'air' },
        },
      ],
      ['readmission.transfer.cancelled.v1', { transferReference: ref('tr'), reason: 'flight cancelled' }],
    ];
    for (const [type, value] of messages) {
      const id = await send('NO', type, value);
      const [reply] = await replyTo('NO', id);
      expect(reply.type).toBe(REJECTED);
      expect(reply.payload.reasons).toEqual([expect.objectContaining({ code: 'unknown-reference' })]);
    }
  });

  it('registers a redelivered application once and repeats the same answer, even after time moved on', async () => {
    const partnerReference = ref('redeliver');
    const id = await send('CH', SUBMITTED, { ...national, partnerReference });
    const [first] = await replyTo('CH', id);
    clock.set('2030-01-01T10:00:00+04:00'); // a fresh judgement would now differ (no 2030 calendar; other deadlines)
    await send('CH', SUBMITTED, { ...national, partnerReference }, { id });
    const replies = await replyTo('CH', id, 2);
    expect(replies[1]).toEqual(first);
    const dkReference = ref('dkre');
    const rejectedId = await send('DK', SUBMITTED, { ...national, partnerReference: dkReference });
    const [rejected] = await replyTo('DK', rejectedId);
    await send('DK', SUBMITTED, { ...national, partnerReference: dkReference }, { id: rejectedId });
    expect((await replyTo('DK', rejectedId, 2))[1]).toEqual(rejected);
    clock.set('2026-11-24T10:00:00+04:00');
    expect(await cases().countDocuments({ partnerReference })).toBe(1);
  });

  it('answers a ce_id reused on a different message with a rejection naming ce_id; the first answer stands and a true redelivery still repeats it', async () => {
    const partnerReference = ref('reused');
    const id = await send('DE', SUBMITTED, { ...national, partnerReference });
    const [first] = await replyTo('DE', id);
    expect(first.type).toBe(ACK);
    const other = ref('reused-other');
    await send('DE', SUBMITTED, { ...national, partnerReference: other }, { id });
    const [, refusal] = await replyTo('DE', id, 2);
    expect(refusal.type).toBe(REJECTED);
    expect(refusal.id).not.toBe(first.id);
    expect(refusal.payload).toEqual({
      partnerReference: other,
      reasons: [{ code: 'invalid-message', field: 'headers.ce_id', message: expect.stringContaining(`ce_id ${id} was already used`) }],
    });
    // The other message's redelivery gets its rejection again; the first message's redelivery its acknowledgement.
    await send('DE', SUBMITTED, { ...national, partnerReference: other }, { id });
    expect((await replyTo('DE', id, 3))[2]).toEqual(refusal);
    await send('DE', SUBMITTED, { ...national, partnerReference }, { id });
    expect((await replyTo('DE', id, 4))[3]).toEqual(first);
    expect(await cases().countDocuments({ partnerReference: { $in: [partnerReference, other] } })).toBe(1);
  });

  it('keeps the broker’s receipt time on every rejection, also when intake handles the record late', async () => {
    const sentAt = Date.now();
    clock.set(new Date(sentAt + 3 * 86_400_000)); // intake handles the records three days after they reached the broker
    const rejectedIds = [
      await send('DK', SUBMITTED, { ...national, partnerReference: ref('late-dk') }), // no-applicable-agreement
      await send('DE', SUBMITTED, { ...national, person: undefined, partnerReference: ref('late-invalid') }), // invalid-message
      await send('NO', 'readmission.application.supplemented.v1', { partnerReference: ref('late-nosuch'), note: 'more' }), // unknown-reference
      await send('NO', 'readmission.transfer.cancelled.v1', { transferReference: ref('late-tr'), reason: 'x' }), // unknown-reference
    ];
    const unparsable = buildPartnerRecord({ type: SUBMITTED, value: {}, key: ref('late-raw'), source: 'urn:authority:de:test' });
    await kafka.send(partnerInboundTopic('DE'), [{ ...unparsable, value: Buffer.from([0xff, 0xfe, 0x00]) }]);
    rejectedIds.push(unparsable.headers.ce_id);
    for (const id of rejectedIds) {
      const cc = ['DK', 'DE', 'NO', 'NO', 'DE'][rejectedIds.indexOf(id)];
      expect((await replyTo(cc, id))[0].type).toBe(REJECTED);
      const logged = await mongo
        .db(database)
        .collection<{ _id: string; history: { at: Date }[] }>('partner-messages')
        .findOne({ _id: `in:${cc}:${id}` });
      const at = logged!.history[0].at.getTime();
      expect(at).toBeGreaterThanOrEqual(sentAt - 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
    }
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('answers a delivery that crashed after its answer was stored with that answer, never judging it again', async () => {
    const partnerReference = ref('crash');
    const id = await send('NO', SUBMITTED, { ...national, partnerReference });
    const [first] = await replyTo('NO', id);
    // The process died after the case and its acknowledgement were written, before the inbox recorded the delivery done.
    const inbox = mongo.db(database).collection<{ _id: string } & Record<string, unknown>>('inbox');
    const delivery = `intake.partner-inbound:NO:${id}`;
    await waitUntil(async () => (await inbox.findOne({ _id: delivery }))?.state === 'done', 10_000); // recorded just after the answer
    await inbox.deleteOne({ _id: `intake.partner-inbound/done:NO:${id}` });
    await inbox.updateOne({ _id: delivery }, { $set: { state: 'started' }, $unset: { doneAt: '' } });
    clock.set('2030-01-01T10:00:00+04:00'); // a fresh judgement would now differ (no 2030 calendar)
    await send('NO', SUBMITTED, { ...national, partnerReference }, { id });
    expect((await replyTo('NO', id, 2))[1]).toEqual(first);
    clock.set('2026-11-24T10:00:00+04:00');
    expect(await cases().countDocuments({ partnerReference })).toBe(1);
    expect(await inbox.findOne({ _id: delivery })).toMatchObject({ state: 'done' });
  });

  it('sends a reply another service asks for once per replyId, and dead-letters a request id reused for other content', async () => {
    const partnerReference = ref('reply');
    const submitted = await send('DE', SUBMITTED, { ...national, partnerReference });
    const [ack] = await replyTo('DE', submitted);
    const caseNumber = ack.payload.caseNumber as string;
    const request = (replyId: string, reason: string, id: string = randomUUID()) =>
      encodeInternalEvent(
        REPLY_REQUESTED,
        {
          replyId,
          partnerCode: 'DE',
          messageType: 'readmission.reply.extended.v1',
          recordKey: partnerReference,
          caseNumber,
          causationId: submitted,
          payload: { partnerReference, caseNumber, replyDueBy: '2026-12-20T23:59:59+04:00', reason },
        },
        { id, source: 'urn:readmission:it', time: new Date().toISOString(), subject: caseNumber },
      );
    const [once, last] = [`ext-${run}-once`, `ext-${run}-last`];
    const extension = request(once, 'the registry has not answered yet');
    // The same request delivered twice, another request for the same reply, one reusing the first id for other content, then one more.
    await kafka.send(REPLY_REQUESTED, [
      extension,
      extension,
      request(once, 'the registry has not answered yet'),
      request(`ext-${run}-reused`, 'other', extension.headers.ce_id),
      request(last, 'second extension'),
    ]);
    await outbound.waitFor((r) => String(r.headers?.ce_id) === last);
    expect(outbound.records.filter((r) => String(r.headers?.ce_id) === once)).toHaveLength(1);
    const stored = await cases().findOne({ _id: caseNumber });
    expect((stored?.history as { ceId: string }[]).map((h) => h.ceId)).toEqual([submitted, expect.any(String), once, last]);
    const [dead] = await deadLetters.waitFor((r) => String(r.headers?.ce_id) === extension.headers.ce_id);
    expect({ kind: String(dead.headers?.dlq_error_kind), error: String(dead.headers?.dlq_error) }).toEqual({
      kind: 'permanent',
      error: expect.stringMatching(/^conflict: /),
    });
  });

  it('publishes the interface 1.1 reply transfer.time-limit-extended that transfer asks for, valid for the contract, on the partner topic', async () => {
    const partnerReference = ref('extended');
    const submitted = await send('CH', SUBMITTED, { ...national, partnerReference });
    const [ack] = await replyTo('CH', submitted);
    const caseNumber = ack.payload.caseNumber as string;
    const fixture = JSON.parse(
      readFileSync(
        join(__dirname, '..', '..', '..', 'libs', 'contracts', 'fixtures', 'outbound', 'transfer-time-limit-extended.json'),
        'utf8',
      ),
    ).value;
    const payload = { ...fixture, partnerReference, caseNumber };
    const lifting = randomUUID();
    const request = encodeInternalEvent(
      REPLY_REQUESTED,
      {
        replyId: `extended-${run}`,
        partnerCode: 'CH',
        messageType: 'readmission.transfer.time-limit-extended.v1',
        recordKey: partnerReference,
        caseNumber,
        causationId: lifting,
        payload,
      },
      { id: randomUUID(), source: 'urn:readmission:transfer', time: new Date().toISOString(), subject: caseNumber },
    );
    await kafka.send(REPLY_REQUESTED, [request]);
    const [told] = await replyTo('CH', lifting);
    expect(told).toEqual({ type: 'readmission.transfer.time-limit-extended.v1', id: `extended-${run}`, payload });
  });

  it("refuses a reply request whose partner is not its case's partner: dead-lettered, nothing sent to anyone, the case unchanged", async () => {
    const partnerReference = ref('forged');
    const submitted = await send('DE', SUBMITTED, { ...national, partnerReference });
    const [ack] = await replyTo('DE', submitted);
    const caseNumber = ack.payload.caseNumber as string;
    const before = await cases().findOne({ _id: caseNumber });
    const forged = encodeInternalEvent(
      REPLY_REQUESTED,
      {
        replyId: `forged-${run}`,
        partnerCode: 'NO',
        messageType: 'readmission.reply.extended.v1',
        recordKey: partnerReference,
        caseNumber,
        causationId: submitted,
        payload: { partnerReference, caseNumber, replyDueBy: '2026-12-20T23:59:59+04:00', reason: 'forged' },
      },
      { id: randomUUID(), source: 'urn:readmission:it', time: new Date().toISOString(), subject: caseNumber },
    );
    await kafka.send(REPLY_REQUESTED, [forged]);
    const [dead] = await deadLetters.waitFor((r) => String(r.headers?.ce_id) === forged.headers.ce_id);
    expect({ kind: String(dead.headers?.dlq_error_kind), error: String(dead.headers?.dlq_error) }).toEqual({
      kind: 'permanent',
      error: `rule-broken: reply forged-${run} is addressed to NO, but case ${caseNumber} is DE's`,
    });
    expect(outbound.records.filter((r) => String(r.headers?.ce_id) === `forged-${run}`)).toHaveLength(0);
    expect((await cases().findOne({ _id: caseNumber }))?.history).toEqual(before?.history);
  });

  it('applies messages about one case in order and routes supplements and withdrawals to verification', async () => {
    const partnerReference = ref('order');
    const submitted = await send('ME', SUBMITTED, { ...national, partnerReference });
    const supplement = await send('ME', 'readmission.application.supplemented.v1', {
      partnerReference,
      note: 'birth certificate attached',
      evidence: [{ type: 'birth-certificate', form: 'copy' }],
    });
    const withdrawal = await send('ME', 'readmission.application.withdrawn.v1', {
      partnerReference,
      reason: 'the person left voluntarily',
    });
    const ours = new Set([submitted, supplement, withdrawal]);
    const [ack] = await replyTo('ME', submitted);
    const caseNumber = ack.payload.caseNumber as string;
    // Case numbers restart in each test database, so records are told apart by the message that caused them.
    await internal.waitFor(
      (r) =>
        String(r.headers?.ce_causationid) === withdrawal && String(r.headers?.ce_type) === 'readmission.internal.application-withdrawn.v1',
    );
    const routed = internal.records
      .filter((r) => r.key?.toString() === caseNumber && ours.has(String(r.headers?.ce_causationid)))
      .map((r) => String(r.headers?.ce_type));
    expect(routed).toEqual([
      'readmission.internal.case-registered.v1',
      'readmission.internal.application-supplemented.v1',
      'readmission.internal.application-withdrawn.v1',
    ]);
    const stored = await cases().findOne({ _id: caseNumber });
    expect(stored?.status).toBe('withdrawn');
    expect((stored?.history as { type: string }[]).map((h) => h.type)).toEqual([
      SUBMITTED,
      ACK,
      'readmission.application.supplemented.v1',
      'readmission.application.withdrawn.v1',
    ]);
  });

  it('lets officers search cases by name without diacritics, and read one case with its message history', async () => {
    const partnerReference = ref('search');
    const record = buildPartnerRecord({
      type: SUBMITTED,
      value: { ...national, partnerReference, person: { ...national.person, surname: 'Şükürova', givenNames: 'Gülnarə' } },
      headers: { 'x-partner-trace': 'not part of the interface' },
    });
    await kafka.send(partnerInboundTopic('DE'), [record]);
    const id = record.headers.ce_id;
    const [ack] = await replyTo('DE', id);
    const found = (await (await api(`/cases?name=sukurova%20gulnara&partner=DE`, 'officer')).json()) as { items: { caseNumber: string }[] };
    expect(found.items.map((c: { caseNumber: string }) => c.caseNumber)).toEqual([ack.payload.caseNumber]);
    // Through blind indexes of the spelling skeletons: another transliteration finds the case, the name is nowhere in clear.
    const spelt = (await (await api(`/cases?name=SHUKUROVA&partner=DE`, 'officer')).json()) as { items: { caseNumber: string }[] };
    expect(spelt.items.map((c) => c.caseNumber)).toEqual([ack.payload.caseNumber]);
    expect(JSON.stringify(await cases().findOne({ _id: String(ack.payload.caseNumber) }))).not.toMatch(/Şükürova|sukurova|Gülnarə/i);
    const one = (await (await api(`/cases/${ack.payload.caseNumber}?purpose=complaint%20review`, 'auditor')).json()) as {
      history: { headers: Record<string, string> }[];
      deadlines: { name: string }[];
    };
    expect(one.history).toHaveLength(2);
    expect(one.history[0].headers.ce_id).toBe(id);
    expect(one.history[0].headers).not.toHaveProperty('x-partner-trace'); // only what the interface defines is kept
    expect(one.deadlines.map((d: { name: string }) => d.name)).toEqual(['replyNormal']);
    expect((await api(`/cases`, 'case-worker')).status).toBe(403);
    const missing = await api('/cases/RA-1999-000001', 'officer');
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 404,
      body: expect.objectContaining({ error: 'not-found', message: 'no case RA-1999-000001' }),
    });
  });

  it('lets an operator load a validated rulebook version that applies from its effectiveFrom, recorded on each case', async () => {
    const invalid = await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify({ ...SHIPPED_RULEBOOKS[0], version: 'x y' }) });
    expect(invalid.status).toBe(400);
    // Operators' reference-data API (loading, validation, versions, the topic): reference-data/reference-data.int-spec.ts.
    expect(((await invalid.json()) as { details: { path: string }[] }).details).toEqual([expect.objectContaining({ path: '$.version' })]);
    const version = `it-${run}`;
    const next = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0]));
    Object.assign(next, {
      version,
      effectiveFrom: '2026-11-24T12:00:00+04:00',
      description: 'test version: ME third-country nationals from 2030',
    });
    next.agreements.find((a: { code: string }) => a.code === 'ME-AZ').thirdCountNationalsFrom.value = '2030-01-01';
    expect((await api('/rulebooks', 'officer', { method: 'POST', body: JSON.stringify(next) })).status).toBe(403);
    expect((await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify(next) })).status).toBe(201);
    expect((await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify(next) })).status).toBe(409);

    const application = { ...tcn, procedure: 'normal', apprehension: undefined, knowledgeDate: '2026-11-01' };
    const before = await send('ME', SUBMITTED, { ...application, partnerReference: ref('rb-before') });
    expect((await replyTo('ME', before))[0].type).toBe(ACK);
    clock.set('2026-11-24T12:00:00+04:00');
    const after = await send('ME', SUBMITTED, { ...application, partnerReference: ref('rb-after') });
    expect((await replyTo('ME', after))[0].payload.reasons).toEqual([expect.objectContaining({ code: 'obligation-not-in-force' })]);
    const list = await (await api('/rulebooks', 'auditor')).json();
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ version, inEffect: true })]));
    const national2 = await send('ME', SUBMITTED, { ...national, partnerReference: ref('rb-national') });
    const [ack] = await replyTo('ME', national2);
    expect(await cases().findOne({ _id: ack.payload.caseNumber as string })).toMatchObject({ rulebookVersion: version });
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('applies a notified CH-AZ suspension (Art. 18: from the second day after notification) by receipt date; a case registered before keeps its rules', async () => {
    const version = `it-${run}-suspension`;
    const next = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0]));
    Object.assign(next, { version, effectiveFrom: '2026-11-24T14:00:00+04:00', description: 'test version: CH-AZ suspended' });
    next.agreements.find((a: { code: string }) => a.code === 'CH-AZ').lifecycle = [
      {
        event: 'suspension',
        notifiedOn: '2026-11-26',
        reason: 'serious reasons of public order notified by Switzerland',
        basis: 'CH-AZ Art. 18; note of 26 November 2026',
      },
    ];
    clock.set('2026-11-24T10:00:00+04:00');
    expect((await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify(next) })).status).toBe(201);
    clock.set('2026-11-27T12:00:00+04:00');
    const beforeRef = ref('susp-before');
    const before = await send('CH', SUBMITTED, { ...national, partnerReference: beforeRef });
    const [ack] = await replyTo('CH', before);
    expect(ack.type).toBe(ACK);
    clock.set('2026-11-28T00:00:05+04:00'); // the second day after notification
    const after = await send('CH', SUBMITTED, { ...national, partnerReference: ref('susp-after') });
    expect((await replyTo('CH', after))[0].payload.reasons).toEqual([
      expect.objectContaining({
        code: 'no-applicable-agreement',
        message: expect.stringMatching(
          /CH-AZ agreement is suspended since 2026-11-28 \(notified on 2026-11-26; CH-AZ Art. 18; note of 26 November 2026\): serious reasons/,
        ),
      }),
    ]);
    // Other agreements are untouched, and the case registered before the suspension goes on under its rules.
    const german = await send('DE', SUBMITTED, { ...national, partnerReference: ref('susp-de') });
    expect((await replyTo('DE', german))[0].type).toBe(ACK);
    const supplement = await send('CH', 'readmission.application.supplemented.v1', {
      partnerReference: beforeRef,
      note: 'further evidence',
    });
    await internal.waitFor(
      (r) =>
        String(r.headers?.ce_causationid) === supplement &&
        String(r.headers?.ce_type) === 'readmission.internal.application-supplemented.v1',
    );
    expect(await cases().findOne({ _id: ack.payload.caseNumber as string })).toMatchObject({
      rulebookVersion: version,
      agreement: 'CH-AZ',
      status: 'registered',
    });
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('answers a partner onboarded before its agreement applies to it, and a state party to no agreement, no-applicable-agreement with the reason', async () => {
    const version = `it-${run}-onboarded`;
    const next = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0]));
    Object.assign(next, { version, effectiveFrom: '2026-11-24T16:00:00+04:00', description: 'test version: onboarded, party from 2027' });
    // One partner of each agreement onboarded (its topics exist) before its agreement applies to it.
    for (const code of ['DE', 'NO', 'CH', 'ME']) next.partners.find((p: { code: string }) => p.code === code).from = '2027-01-01';
    clock.set('2026-11-24T10:00:00+04:00');
    expect((await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify(next) })).status).toBe(201);
    clock.set('2026-11-25T10:00:00+04:00');
    for (const [cc, agreement] of [
      ['DE', 'EU-AZ'],
      ['NO', 'NO-AZ'],
      ['CH', 'CH-AZ'],
    ]) {
      const id = await send(cc, SUBMITTED, { ...national, partnerReference: ref(`onb-${cc}`) });
      expect((await replyTo(cc, id))[0].payload.reasons).toEqual([
        expect.objectContaining({
          code: 'no-applicable-agreement',
          message: expect.stringContaining(
            `the ${agreement} agreement applies to ${cc} from 2027-01-01 (date ${cc} became party), not on 2026-11-25`,
          ),
        }),
      ]);
    }
    const early = await send('ME', SUBMITTED, { ...national, partnerReference: ref('onb-me') });
    expect((await replyTo('ME', early))[0].payload.reasons).toEqual([
      expect.objectContaining({
        code: 'no-applicable-agreement',
        message: expect.stringContaining('the ME-AZ agreement applies to ME from 2027-01-01 (date ME became party), not on 2026-11-25'),
      }),
    ]);
    const danish = await send('DK', SUBMITTED, { ...national, partnerReference: ref('onb-dk') });
    expect((await replyTo('DK', danish))[0].payload.reasons).toEqual([
      expect.objectContaining({
        code: 'no-applicable-agreement',
        message: expect.stringContaining('DK is not party to any readmission agreement'),
      }),
    ]);
    // The basis, from the rulebook (notParty): Denmark takes no part in the EU agreement.
    expect(((await replyTo('DK', danish))[0].payload.reasons as { message: string }[])[0].message).toContain(
      "DK takes no part in the EU-AZ agreement (EU-AZ, docs/rules.md#partner-states (the agreement's preamble; Council Decision 2014/239/EU, recitals 4 and 5), verified)",
    );
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('applies a suspension of each agreement (EU-AZ, NO-AZ, ME-AZ: dated by the event; CH-AZ: Art. 18, second day) by receipt date and a resumption after it; cases registered before keep their rules', async () => {
    const partners = [
      ['DE', 'EU-AZ'],
      ['NO', 'NO-AZ'],
      ['CH', 'CH-AZ'],
      ['ME', 'ME-AZ'],
    ] as const;
    clock.set('2026-11-24T10:00:00+04:00');
    const before = new Map<string, { reference: string; caseNumber: string }>();
    for (const [cc] of partners) {
      const reference = ref(`all-susp-${cc}`);
      const [ack] = await replyTo(cc, await send(cc, SUBMITTED, { ...national, partnerReference: reference }));
      expect(ack.type).toBe(ACK);
      before.set(cc, { reference, caseNumber: ack.payload.caseNumber as string });
    }
    const version = `it-${run}-suspended-all`;
    const next = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0]));
    Object.assign(next, {
      version,
      effectiveFrom: '2026-11-24T18:00:00+04:00',
      description: 'test version: every agreement suspended for a day',
    });
    for (const agreement of next.agreements as { code: string; lifecycle?: object[] }[]) {
      const swiss = agreement.code === 'CH-AZ'; // Art. 18 dates the suspension itself: the second day after notification
      agreement.lifecycle = [
        {
          event: 'suspension',
          notifiedOn: swiss ? '2026-11-22' : '2026-11-20',
          ...(swiss ? {} : { takesEffectOn: '2026-11-24' }),
          reason: `public health: suspension notified by the ${agreement.code} partner`,
          basis: swiss
            ? 'CH-AZ Art. 18; note of 22 November 2026'
            : 'docs/rules.md#suspension-resumption-and-termination; note of 20 November 2026',
        },
        { event: 'resumption', notifiedOn: '2026-11-25', reason: 'resumed', basis: 'docs/rules.md#suspension-resumption-and-termination' },
      ];
    }
    expect((await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify(next) })).status).toBe(201);
    clock.set('2026-11-24T18:30:00+04:00');
    for (const [cc, agreement] of partners) {
      const [reply] = await replyTo(cc, await send(cc, SUBMITTED, { ...national, partnerReference: ref(`all-susp-after-${cc}`) }));
      expect(reply.payload.reasons).toEqual([
        expect.objectContaining({
          code: 'no-applicable-agreement',
          message: expect.stringMatching(
            new RegExp(
              `the ${agreement} agreement is suspended since 2026-11-24 \\(notified on 2026-11-2[02]; .*\\): public health.*cases registered before keep their rules\\. An application may be sent again once the suspension is lifted`,
            ),
          ),
        }),
      ]);
      // The case registered before the suspension goes on: its supplement is routed.
      const { reference, caseNumber } = before.get(cc)!;
      const supplement = await send(cc, 'readmission.application.supplemented.v1', {
        partnerReference: reference,
        note: 'further evidence',
      });
      await internal.waitFor(
        (r) =>
          String(r.headers?.ce_causationid) === supplement &&
          String(r.headers?.ce_type) === 'readmission.internal.application-supplemented.v1',
      );
      expect(await cases().findOne({ _id: caseNumber })).toMatchObject({ rulebookVersion: '2026.1', status: 'registered' });
    }
    clock.set('2026-11-25T10:00:00+04:00'); // resumed
    expect((await replyTo('DE', await send('DE', SUBMITTED, { ...national, partnerReference: ref('all-susp-resumed') })))[0].type).toBe(
      ACK,
    );
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('routes a pending remedy and its lifting (interface 1.1) to transfer with the case number, and answers one about an unknown application unknown-reference', async () => {
    const REMEDY = 'readmission.internal.remedy-changed.v1';
    await kafka.createTopics([REMEDY]);
    const remedies = await kafka.collect([REMEDY]);
    const partnerReference = ref('remedy');
    const [ack] = await replyTo('DE', await send('DE', SUBMITTED, { ...national, partnerReference }));
    const pending = await send('DE', 'readmission.remedy.pending.v1', {
      partnerReference,
      kind: 'asylum-application',
      since: '2026-11-20',
      authority: 'BAMF',
    });
    const lifted = await send('DE', 'readmission.remedy.lifted.v1', { partnerReference, kind: 'asylum-application', on: '2026-11-23' });
    await remedies.waitFor((r) => String(r.headers?.ce_causationid) === lifted);
    const routed = remedies.records
      .filter((r) => [pending, lifted].includes(String(r.headers?.ce_causationid)))
      .map((r) => remedies.json<Record<string, unknown>>(r));
    expect(routed).toEqual([
      expect.objectContaining({
        caseNumber: ack.payload.caseNumber,
        partnerCode: 'DE',
        partnerReference,
        state: 'pending',
        kind: 'asylum-application',
        date: '2026-11-20',
        authority: 'BAMF',
      }),
      expect.objectContaining({ caseNumber: ack.payload.caseNumber, state: 'lifted', date: '2026-11-23' }),
    ]);
    const stored = await cases().findOne({ _id: ack.payload.caseNumber as string });
    expect((stored?.history as { type: string }[]).map((h) => h.type)).toEqual([
      SUBMITTED,
      ACK,
      'readmission.remedy.pending.v1',
      'readmission.remedy.lifted.v1',
    ]);
    const unknown = await send('DE', 'readmission.remedy.pending.v1', {
      partnerReference: ref('remedy-unknown'),
      kind: 'appeal',
      since: '2026-11-20',
    });
    expect((await replyTo('DE', unknown))[0].payload.reasons).toEqual([expect.objectContaining({ code: 'unknown-reference' })]);
  });

  it('routes an answer to a request for readmission by mistake (interface 1.1) to transfer, and answers one naming another case or no application unknown-reference', async () => {
    const ANSWERED = 'readmission.internal.mistake-answered.v1';
    await kafka.createTopics([ANSWERED]);
    const answers = await kafka.collect([ANSWERED]);
    const partnerReference = ref('mistake');
    const [ack] = await replyTo('DE', await send('DE', SUBMITTED, { ...national, partnerReference }));
    const caseNumber = ack.payload.caseNumber as string;
    const refused = { partnerReference, caseNumber, answer: 'refused', grounds: 'the person holds our nationality' };
    const answered = await send('DE', 'readmission.mistake.answered.v1', refused);
    const [routed] = await answers.waitFor((r) => String(r.headers?.ce_causationid) === answered);
    expect(answers.json(routed)).toEqual({ partnerCode: 'DE', messageId: answered, receivedAt: expect.any(String), answer: refused });
    const stored = await cases().findOne({ _id: caseNumber });
    expect((stored?.history as { type: string }[]).map((h) => h.type)).toContain('readmission.mistake.answered.v1');
    // A refusal without grounds is an invalid message; another case's number or an unknown reference is unknown-reference.
    const noGrounds = await send('DE', 'readmission.mistake.answered.v1', { partnerReference, caseNumber, answer: 'refused' });
    const invalid = (await replyTo('DE', noGrounds))[0].payload.reasons as { code: string; field: string }[];
    expect(new Set(invalid.map((r) => `${r.code} ${r.field}`))).toEqual(new Set(['invalid-message $.grounds']));
    const otherCase = await send('DE', 'readmission.mistake.answered.v1', {
      partnerReference,
      caseNumber: 'RA-2020-000001',
      answer: 'accepted',
    });
    expect((await replyTo('DE', otherCase))[0].payload.reasons).toEqual([
      expect.objectContaining({ code: 'unknown-reference', field: '$.caseNumber' }),
    ]);
    const unknown = await send('DE', 'readmission.mistake.answered.v1', {
      partnerReference: ref('mistake-unknown'),
      caseNumber,
      answer: 'accepted',
    });
    expect((await replyTo('DE', unknown))[0].payload.reasons).toEqual([expect.objectContaining({ code: 'unknown-reference' })]);
  });

  it('acknowledges a transit request (interface 1.1) with its 5-day reply limit and routes it to transfer; a resend repeats the answer; a reused reference, Azerbaijan as destination, a past transfer time and a request under 2026.2 are rejected by field', async () => {
    const request = (over: object = {}) => ({
      ...transit,
      transitReference: ref('transit'),
      transferAt: '2030-01-10T09:30:00+04:00',
      ...over,
    });
    // Received under 2026.2, which has no transit rules (the receipt is never later than the clock).
    clock.set('2026-11-30T00:00:30+04:00');
    const early = await send('DE', 'readmission.transit.requested.v1', request());
    const [rejected] = await replyTo('DE', early);
    expect(rejected.type).toBe(REJECTED);
    expect((rejected.payload.reasons as { code: string; message: string }[])[0]).toMatchObject({
      code: 'no-applicable-agreement',
      message: expect.stringContaining('rulebook 2026.2, in effect on 2026-11-30, has no transit rules for EU-AZ'),
    });

    // 2026.3 applies from 1 December 2026; receipt is the broker's time, so the test loads a copy of it in effect now.
    const version = `it-${run}-transit`;
    const now = Date.now();
    clock.set(new Date(now - 600_000));
    const copy = { ...JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])), version, effectiveFrom: new Date(now - 570_000).toISOString() };
    expect(copy.agreements[0].transit).toBeDefined();
    expect((await api('/rulebooks', 'admin', { method: 'POST', body: JSON.stringify(copy) })).status).toBe(201);
    clock.set(new Date(now + 3600_000));

    const first = request();
    const { transitReference } = first;
    const id = await send('DE', 'readmission.transit.requested.v1', first);
    const [ack] = await replyTo('DE', id);
    const receivedAt = new Date(ack.payload.receivedAt as string);
    expect(ack).toMatchObject({
      type: 'readmission.transit.acknowledged.v1',
      payload: { transitReference, agreement: 'EU-AZ', replyDueBy: formatInstant(endOfBakuDay(addCalendarDays(bakuDate(receivedAt), 5))) },
    });
    const [routed] = await internal.waitFor(
      (r) => String(r.headers?.ce_type) === 'readmission.internal.transit-requested.v1' && r.key?.toString() === transitReference,
    );
    expect(internal.json(routed)).toMatchObject({
      partnerCode: 'DE',
      messageId: id,
      agreement: 'EU-AZ',
      rulebookVersion: version,
      replyDueBy: ack.payload.replyDueBy,
      replyRule: expect.stringContaining('5 calendar days from receipt (comparable: docs/rules.md#transit'),
      transitRules: { consentValidity: { value: 30, unit: 'calendar-days', from: 'consent' } },
      request: { transitReference, finalDestination: 'UZ', pointOfEntry: 'GYD' },
    });

    // The same request under a new ce_id: the first acknowledgement again, unchanged (same ce_id).
    await send('DE', 'readmission.transit.requested.v1', first);
    expect(await outbound.waitFor((r) => String(r.headers?.ce_id) === ack.id, 2)).toHaveLength(2);
    const reasonsOf = async (value: object) =>
      (await replyTo('DE', await send('DE', 'readmission.transit.requested.v1', value)))[0].payload.reasons;
    expect(await reasonsOf({ ...first, finalDestination: 'KZ' })).toEqual([
      expect.objectContaining({ code: 'duplicate-reference', field: '$.transitReference' }),
    ]);
    expect(await reasonsOf(request({ finalDestination: 'AZ' }))).toEqual([
      expect.objectContaining({ code: 'invalid-message', field: '$.finalDestination' }),
    ]);
    expect(await reasonsOf(request({ otherTransitStates: ['TR', 'AZ'] }))).toEqual([
      expect.objectContaining({ code: 'invalid-message', field: '$.otherTransitStates[1]' }),
    ]);
    expect(await reasonsOf(request({ transferAt: '2026-11-01T09:30:00+04:00' }))).toEqual([
      expect.objectContaining({ code: 'invalid-message', field: '$.transferAt' }),
    ]);
    clock.set('2026-11-24T10:00:00+04:00');
  });

  it('lists the partner states with their agreement and topics', async () => {
    const partners = (await (await api('/partners', 'officer')).json()) as {
      code: string;
      agreement: string;
      topics: { inbound: string };
    }[];
    expect(partners).toHaveLength(28);
    expect(partners.find((p) => p.code === 'CH')).toMatchObject({
      agreement: 'CH-AZ',
      topics: { inbound: 'readmission.partner.ch.inbound.v1' },
    });
  });
  // Last: it moves the clock years on.
  it('erases the content of rejected messages and message histories after their retention periods: searches and counts intact, a held case untouched, each purge audited', async () => {
    const surname = `Purgeova${run}`.replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]);
    const application = (label: string) => ({ ...national, partnerReference: ref(label), person: { ...national.person, surname } });
    const register = async (label: string) => {
      const value = application(label);
      const [ack] = await replyTo('DE', await send('DE', SUBMITTED, value));
      expect(ack.type).toBe(ACK);
      return String(ack.payload.caseNumber);
    };
    const purged = await register('purged');
    const held = await register('held');
    const rejectedRef = ref('purge-rejected');
    const [rejection] = await replyTo(
      'DE',
      await send('DE', SUBMITTED, { ...application('x'), partnerReference: rejectedRef, person: undefined }),
    );
    expect(rejection.type).toBe(REJECTED);
    const admin = (path: string, reason: string) =>
      api(path, 'admin', { method: path.endsWith('/lift') ? 'POST' : 'PUT', body: JSON.stringify({ reason }) });
    expect((await admin(`/legal-holds/${held}`, 'complaint 7/2031')).status).toBe(200);
    const named = async () =>
      ((await (await api(`/cases?name=${surname}`, 'officer')).json()) as { items: { caseNumber: string }[] }).items;
    expect((await named()).map((c) => c.caseNumber).sort()).toEqual([purged, held].sort());
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['registered', 'withdrawn'].map(async (status) => [
            status,
            ((await (await api(`/cases?status=${status}&partner=DE`, 'officer')).json()) as { total: number }).total,
          ]),
        ),
      );
    const purge = service.app.get(PurgePersonalData);
    const sweepAll = () => sweepUntilDone(() => purge.sweep());
    // Nothing is due before the periods have passed.
    expect(await purge.sweep()).toEqual(
      ['rejected-applications', 'message-history', 'partner-message-log', 'ended-outgoing-requests'].map((kind) => ({
        kind,
        purged: 0,
        held: 0,
      })),
    );
    const before = await counts();
    clock.set('2033-06-01T10:00:00+04:00'); // more than five years after every message of this run
    const swept = await sweepAll();
    expect(swept['rejected-applications'].purged).toBeGreaterThanOrEqual(1);
    expect(swept['message-history']).toMatchObject({ purged: expect.any(Number), held: 1 });

    // The raw store: the purged case's messages keep their type, ids, headers and times, not their content; no name keys.
    const raw = await cases().findOne({ _id: purged });
    expect(raw).toMatchObject({ status: 'registered', partnerCode: 'DE', purgedAt: expect.any(Date), searchKeys: [] });
    expect(raw).not.toHaveProperty('contentHash');
    const history = raw!.history as Record<string, unknown>[];
    expect(history.slice(0, 2).map((h) => h.type)).toEqual([SUBMITTED, ACK]);
    expect(history.filter((h) => 'payload' in h)).toEqual([]);
    expect(history.every((h) => typeof h.ceId === 'string' && h.at instanceof Date)).toBe(true);
    const log = mongo.db(database).collection<{ _id: string } & Record<string, unknown>>('partner-messages');
    const rejected = await log.findOne({ partnerCode: 'DE', recordKey: rejectedRef });
    expect(rejected).toMatchObject({ outcome: 'rejected', purgedAt: expect.any(Date) });
    expect((rejected!.history as Record<string, unknown>[]).map((h) => [h.type, 'payload' in h])).toEqual([
      [SUBMITTED, false],
      [REJECTED, false],
    ]);
    // The held case is as it was (its payloads sealed, its name keys there); counts are the same; the name finds only it.
    const kept = await cases().findOne({ _id: held });
    expect(kept).not.toHaveProperty('purgedAt');
    expect((kept!.history as Record<string, unknown>[]).every((h) => typeof h.payload === 'string')).toBe(true);
    expect(await counts()).toEqual(before);
    expect((await named()).map((c) => c.caseNumber)).toEqual([held]);
    const page = (await (await api(`/cases/${purged}?purpose=retention%20check`, 'auditor')).json()) as { history: { type: string }[] };
    expect(page.history.slice(0, 2).map((h) => h.type)).toEqual([SUBMITTED, ACK]);
    // Each purge is in the audit trail, once (identifiers only); the hold too.
    const audited = async (subject: string) =>
      (
        (await (await api(`/audit-trail?subject=${encodeURIComponent(subject)}`, 'auditor')).json()) as {
          action: string;
          details?: object;
        }[]
      ).filter((e) => e.action === 'personal-data-purged');
    expect(await audited(purged)).toEqual([expect.objectContaining({ details: { kind: 'message-history', record: purged } })]);
    expect(await audited(`DE:${rejectedRef}`)).toEqual([
      expect.objectContaining({ details: { kind: 'rejected-applications', record: rejected!._id } }),
    ]);
    expect(await audited(held)).toEqual([]);
    // Lifting the hold lets the next run purge it.
    expect((await admin(`/legal-holds/${held}/lift`, 'complaint closed')).status).toBe(200);
    expect((await sweepAll())['message-history']).toEqual({ kind: 'message-history', purged: 1, held: 0 });
    expect(await named()).toEqual([]);
  });
});
