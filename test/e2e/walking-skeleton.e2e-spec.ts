import { randomUUID } from 'crypto';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MongoClient } from 'mongodb';
import { CalendarBook, SHIPPED_CALENDARS, addWorkingDays, bakuDate } from '@readmission/agreements';
import { buildPartnerRecord, deadLetterTopic, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient, LaunchedPlatform, waitUntil } from '@readmission/testing';
import { E2EPlatform, airTransferNotice, byKey, launchE2EPlatform } from './support';

/**
 * A partner application travels through all four services, over the real broker and store:
 * inbound topic → intake (acknowledged) → verification (decided) → transfer (notice, handover) → reintegration case.
 */
const run = randomUUID().slice(0, 8);
const PARTNERS = ['DE', 'CH', 'NO', 'ME'];
const IN = partnerInboundTopic('de');
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
);

describe('walking skeleton: a national with a valid passport, from application to reintegration case', () => {
  let platform: LaunchedPlatform;
  let outbound: Collector;
  let deadLetters: Collector;
  const kafka = new KafkaTestClient();
  const mongo = new MongoClient(process.env.MONGODB_URI as string);
  let e2e: E2EPlatform;
  const api: E2EPlatform['api'] = (url, role, init, subject) => e2e.api(url, role, init, subject);

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run, partners: PARTNERS, ports: [4100, 4900] });
    platform = e2e.platform;
    outbound = await kafka.collect(PARTNERS.map((p) => partnerOutboundTopic(p)));
    deadLetters = await kafka.collect([deadLetterTopic(`${e2e.isolation.groupPrefix}intake`)]);
    await mongo.connect();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka.close();
    await mongo.close();
  });

  it('acknowledges, decides, transfers and opens the reintegration case', async () => {
    const reference = `E2E-${run}-1`;
    const companion = `E2E-${run}-1B`; // travels on the same transfer but does not arrive
    const transferReference = `E2E-TR-${run}`;
    await kafka.send(IN, [
      buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference }, source: 'urn:authority:de:bamf' }),
    ]);
    await kafka.send(IN, [
      buildPartnerRecord({
        type: fixture.type,
        value: { ...fixture.value, partnerReference: companion, person: { ...fixture.value.person, givenNames: 'Tofiq' } },
        source: 'urn:authority:de:bamf',
      }),
    ]);

    const [ack] = await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'));
    const acknowledged = outbound.json<{ caseNumber: string; receivedAt: string; replyDueBy: string; agreement: string }>(ack);
    expect(acknowledged.caseNumber).toMatch(/^RA-\d{4}-\d{6}$/);
    expect(acknowledged.agreement).toBe('EU-AZ');
    const due = new Date(acknowledged.replyDueBy).getTime() - new Date(acknowledged.receivedAt).getTime();
    expect(due).toBeGreaterThan(14 * 86_400_000);
    expect(due).toBeLessThanOrEqual(16 * 86_400_000);
    expect(outbound.header(ack, 'ce_subject')).toBe(acknowledged.caseNumber);

    const [decided] = await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    expect(outbound.json(decided)).toMatchObject({
      caseNumber: acknowledged.caseNumber,
      decision: 'accepted',
      basis: 'proof',
      deemed: false,
    });
    const [companionDecided] = await outbound.waitFor(byKey(companion, 'readmission.application.decided.v1'));
    const companionCase = outbound.json<{ caseNumber: string }>(companionDecided).caseNumber;

    // The return certificate is issued on acceptance.
    const [issued] = await outbound.waitFor(byKey(reference, 'readmission.travel-document.issued.v1'));
    expect(outbound.json(issued)).toMatchObject({
      caseNumber: acknowledged.caseNumber,
      documentNumber: acknowledged.caseNumber.replace('RA-', 'AZRC-'),
    });

    // Arrival 4 Azerbaijani working days from today (the agreement asks for at least 3), at 14:25 Baku time.
    const arrivalDay = addWorkingDays(new CalendarBook(SHIPPED_CALENDARS).official('AZ'), bakuDate(new Date()), 4).date;
    const plannedArrival = `${arrivalDay}T14:25:00+04:00`;
    await kafka.send(IN, [airTransferNotice(transferReference, [reference, companion], plannedArrival)]);
    const [confirmed] = await outbound.waitFor(byKey(transferReference, 'readmission.transfer.confirmed.v1'));
    expect(outbound.json(confirmed)).toEqual({
      transferReference,
      partnerReferences: [reference, companion],
      arrival: plannedArrival,
      borderCrossingPoint: 'GYD',
    });

    // The border officer sees the expected arrival, records the person (identity and document checked), closes.
    const arrivals = (await (
      await api(`${platform.urls.transfer}/border/arrivals?borderCrossingPoint=GYD&date=${arrivalDay}`, 'border-officer')
    ).json()) as { transfers: { transferReference: string }[] };
    expect(arrivals.transfers.map((t) => t.transferReference)).toContain(transferReference);
    const recorded = await api(`${platform.urls.transfer}/transfers/DE/${transferReference}/persons/${reference}`, 'border-officer', {
      method: 'POST',
      body: JSON.stringify({ arrived: true, identityChecked: true, documentChecked: true }),
    });
    expect(recorded.status).toBe(201);
    const absent = await api(`${platform.urls.transfer}/transfers/DE/${transferReference}/persons/${companion}`, 'border-officer', {
      method: 'POST',
      body: JSON.stringify({ arrived: false }),
    });
    expect(absent.status).toBe(201);
    const closed = await api(`${platform.urls.transfer}/transfers/DE/${transferReference}/close`, 'border-officer', { method: 'POST' });
    expect(closed.status).toBe(200);
    const [completed] = await outbound.waitFor(byKey(transferReference, 'readmission.transfer.completed.v1'));
    expect(outbound.json(completed)).toEqual({ transferReference, handedOver: [reference], notArrived: [companion] });

    const opened = await waitUntil(async () => {
      const res = await api(`${platform.urls.reintegration}/reintegration-cases/${acknowledged.caseNumber}`, 'case-worker');
      return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
    }, 30_000);
    expect(opened).toMatchObject({ status: 'open', transferReference, borderCrossingPoint: 'GYD', unaccompaniedMinor: false });
    expect(opened.assistance).toMatchObject({ needed: true, consentGiven: true });
    // Reintegration hears only of those who arrived.
    expect((await api(`${platform.urls.reintegration}/reintegration-cases/${companionCase}`, 'case-worker')).status).toBe(404);

    // And in the store itself: each service wrote its own collection.
    const db = (service: string) => mongo.db(`${e2e.isolation.dbPrefix}-${service}`);
    expect(
      await db('intake')
        .collection('cases')
        .countDocuments({ _id: acknowledged.caseNumber as never }),
    ).toBe(1);
    expect(
      await db('verification')
        .collection('verification-cases')
        .findOne({ _id: acknowledged.caseNumber as never }),
    ).toMatchObject({ status: 'decided' });
    expect(await db('transfer').collection('transfers').findOne({ transferReference })).toMatchObject({ status: 'completed' });
    expect(
      await db('reintegration')
        .collection('reintegration-cases')
        .findOne({ _id: acknowledged.caseNumber as never }),
    ).toMatchObject({ status: 'open' });
  });

  it.each([
    ['DE', 'EU-AZ'],
    ['NO', 'NO-AZ'],
    ['CH', 'CH-AZ'],
    ['ME', 'ME-AZ'],
  ])('acknowledges a valid application from %s under %s, replying due 15 calendar days after receipt', async (cc, agreement) => {
    const reference = `E2E-${run}-${cc}`;
    await kafka.send(partnerInboundTopic(cc), [
      buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference } }),
    ]);
    const [ack] = await outbound.waitFor(
      (r) => r.topic === partnerOutboundTopic(cc) && byKey(reference, 'readmission.application.acknowledged.v1')(r),
    );
    const acknowledged = outbound.json<{ receivedAt: string; replyDueBy: string; agreement: string }>(ack);
    expect(acknowledged.agreement).toBe(agreement);
    // The end of the Baku day 15 calendar days after the Baku date of receipt (the Swiss clock starts at the
    // acknowledgement, sent in the same second).
    const receiptDay = new Date(new Date(acknowledged.receivedAt).getTime() + 4 * 3600_000);
    receiptDay.setUTCDate(receiptDay.getUTCDate() + 15);
    expect(acknowledged.replyDueBy).toBe(`${receiptDay.toISOString().slice(0, 10)}T23:59:59+04:00`);
  });

  it('refuses, with written grounds, prima facie evidence that the citizen registry contradicts', async () => {
    // The operator's registry import (the documented command) puts passport C77777777 in someone else's name.
    const file = join(mkdtempSync(join(tmpdir(), 'e2e-registry-')), 'persons.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify({ personalId: `E2E-${run}-P1`, surname: 'Quliyeva', givenNames: 'Nərmin', sex: 'female', dateOfBirth: '1987-09-02', documents: [{ type: 'passport', number: 'C77777777' }] })}\n`,
    );
    execFileSync(
      process.execPath,
      ['-r', './scripts/register-ts.js', 'services/verification/src/interface/cli/import-registry.ts', '--file', file],
      {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, MONGODB_DB: `${e2e.isolation.dbPrefix}-verification` },
        stdio: 'ignore',
      },
    );
    const reference = `E2E-${run}-PF`;
    const value = {
      ...fixture.value,
      partnerReference: reference,
      person: { ...fixture.value.person, surname: 'Zeynalov', givenNames: 'Vüqar' },
      evidence: [{ type: 'passport', form: 'copy', issuingCountry: 'AZ', number: 'C77777777' }],
    };
    await kafka.send(IN, [buildPartnerRecord({ type: fixture.type, value })]);
    const [ack] = await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'));
    const { caseNumber } = outbound.json<{ caseNumber: string }>(ack);
    // The rules propose the refusal; it takes effect only when a second officer confirms the first one's decision.
    const proposal = await waitUntil(
      async () => {
        const res = await api(`${platform.urls.verification}/verification-cases/${caseNumber}`, 'officer');
        const found = res.ok ? ((await res.json()) as { proposal?: { action: string; grounds: string } }) : undefined;
        return found?.proposal?.action === 'refuse' ? found.proposal : undefined;
      },
      30_000,
      () => `no refusal proposed for ${caseNumber}`,
    );
    expect(proposal.grounds).toMatch(/holds passport C77777777 for another person/);
    const post = (path: string, body: unknown, officer: string) =>
      api(
        `${platform.urls.verification}/verification-cases/${caseNumber}/${path}`,
        'officer',
        { method: 'POST', body: JSON.stringify(body) },
        officer,
      );
    expect(
      (
        await post(
          'decision',
          { decision: 'refused', basis: 'registry', grounds: proposal.grounds, reason: 'registry record checked' },
          'e2e-officer-a',
        )
      ).status,
    ).toBe(200);
    expect((await post('confirmation', { confirm: true, reason: 'my own decision' }, 'e2e-officer-a')).status).toBe(422);
    expect((await post('confirmation', { confirm: true, reason: 'contrary evidence is sound' }, 'e2e-officer-b')).status).toBe(200);
    const [decided] = await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    expect(outbound.json(decided)).toMatchObject({
      caseNumber,
      decision: 'refused',
      basis: 'registry',
      grounds: expect.stringMatching(/holds passport C77777777 for another person/),
      deemed: false,
    });
  });

  it('schedules a consular interview when there are no documents, and accepts on its recorded outcome', async () => {
    const reference = `E2E-${run}-INT`;
    await kafka.send(partnerInboundTopic('ch'), [
      buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference, evidence: [] } }),
    ]);
    const [scheduled] = await outbound.waitFor(byKey(reference, 'readmission.interview.scheduled.v1'));
    const { caseNumber, at } = outbound.json<{ caseNumber: string; at: string }>(scheduled);
    expect(new Date(at).getTime()).toBeGreaterThan(Date.now());
    const recorded = await api(`${platform.urls.verification}/verification-cases/${caseNumber}/interview-outcome`, 'officer', {
      method: 'POST',
      body: JSON.stringify({ outcome: 'nationality-confirmed', notes: 'confirmed at the consular interview' }),
    });
    expect(recorded.status).toBe(200);
    const [decided] = await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    expect(outbound.json(decided)).toMatchObject({ caseNumber, decision: 'accepted', basis: 'interview' });
    const audit = (await (await api(`${platform.urls.verification}/audit-trail?subject=${caseNumber}`, 'auditor')).json()) as {
      action: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['interview-outcome-recorded']);
  });

  it('dead-letters an unattributable record and still processes the valid record behind it on the same partition', async () => {
    const reference = `E2E-${run}-2`;
    const valid = buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference } });
    await kafka.send(IN, [
      { key: null, value: '\u0000not a message', partition: 0 },
      { ...valid, partition: 0 },
    ]);
    const [dead] = await deadLetters.waitFor((r) => r.value?.toString() === '\u0000not a message');
    expect(deadLetters.header(dead, 'dlq_original_topic')).toBe(IN);
    expect(deadLetters.header(dead, 'dlq_original_partition')).toBe('0');
    expect(deadLetters.header(dead, 'dlq_error')).toContain('record has no key');
    await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'));
  });

  it('answers an invalid application with a structured rejection naming the field', async () => {
    const reference = `E2E-${run}-3`;
    const value = { ...fixture.value, partnerReference: reference, person: { ...fixture.value.person, dateOfBirth: '1991-02-30' } };
    const record = buildPartnerRecord({ type: fixture.type, value });
    await kafka.send(IN, [record]);
    const [rejected] = await outbound.waitFor(byKey(reference, 'readmission.application.rejected.v1'));
    expect(outbound.json(rejected)).toMatchObject({
      partnerReference: reference,
      reasons: [{ code: 'invalid-message', field: '$.person.dateOfBirth' }],
    });
    expect(outbound.header(rejected, 'ce_causationid')).toBe(record.headers.ce_id);
  });

  it('registers a redelivered application once and only repeats the same acknowledgement', async () => {
    const reference = `E2E-${run}-4`;
    const record = buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference } });
    await kafka.send(IN, [record]);
    await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'));
    await kafka.send(IN, [record]);
    const acks = await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'), 2);
    expect(new Set(acks.map((a) => outbound.header(a, 'ce_id'))).size).toBe(1);
    expect(new Set(acks.map((a) => outbound.json<{ caseNumber: string }>(a).caseNumber)).size).toBe(1);
    const res = await api(`${platform.urls.intake}/cases?partnerReference=${reference}`, 'officer');
    expect(((await res.json()) as { total: number }).total).toBe(1);
    // The same reference with different content is refused.
    await kafka.send(IN, [
      buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference, interviewRequested: true } }),
    ]);
    const [dup] = await outbound.waitFor(byKey(reference, 'readmission.application.rejected.v1'));
    expect(outbound.json(dup)).toMatchObject({ reasons: [{ code: 'duplicate-reference' }] });
  });

  it('guards every endpoint but health and metrics with a token and a role', async () => {
    expect((await api(`${platform.urls.intake}/health`)).status).toBe(200);
    const metrics = await (await api(`${platform.urls.intake}/metrics`)).text();
    expect(metrics).toContain(`messaging_messages_handled_total{topic="${IN}"}`);
    expect(metrics).toContain(`messaging_messages_dead_lettered_total{topic="${IN}"}`);
    expect((await api(`${platform.urls.intake}/cases`)).status).toBe(401);
    expect((await api(`${platform.urls.intake}/cases`, 'case-worker')).status).toBe(403);
    expect((await api(`${platform.urls.intake}/cases`, 'officer')).status).toBe(200);
    expect(
      (await api(`${platform.urls.transfer}/transfers/DE/X/handover`, 'officer', { method: 'POST', body: '{"arrived":[]}' })).status,
    ).toBe(403);
    const openapi = (await (await api(`${platform.urls.intake}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{caseNumber}', '/health', '/metrics']));
  });
});
