import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient, LaunchedPlatform, waitUntil } from '@readmission/testing';
import { E2EPlatform, airTransferNotice, byKey, launchE2EPlatform } from './support';

/**
 * From a partner application to a reintegration case with a referral, through the real broker and the four
 * built services: application → decided → transfer notice (confirmed) → handover → case opens → consent → referral.
 */
const run = randomUUID().slice(0, 8);
const PARTNERS = ['DE', 'CH', 'NO', 'ME'];
const IN = partnerInboundTopic('de');
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
);

describe('reintegration end to end: a returning national gets a case and a referral with a due date', () => {
  let platform: LaunchedPlatform;
  let outbound: Collector;
  const kafka = new KafkaTestClient();
  let e2e: E2EPlatform;
  const api: E2EPlatform['api'] = (url, role, init) => e2e.api(url, role, init);

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run: `ri-${run}`, partners: PARTNERS, ports: [5100, 5800] });
    platform = e2e.platform;
    outbound = await kafka.collect(PARTNERS.map((p) => partnerOutboundTopic(p)));
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka.close();
  });

  it('opens the case on arrival; a case worker records consent and refers the returnee, due by the body default', async () => {
    const reference = `E2E-RI-${run}`;
    const transferReference = `E2E-RI-TR-${run}`;
    await kafka.send(IN, [
      buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference }, source: 'urn:authority:de:bamf' }),
    ]);
    const [decided] = await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    const { caseNumber } = outbound.json<{ caseNumber: string }>(decided);
    expect(outbound.json(decided)).toMatchObject({ decision: 'accepted' });

    // Arrival two weeks ahead: past the advance-notice minimum (3 Azerbaijani working days).
    const arrivalDay = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await kafka.send(IN, [airTransferNotice(transferReference, [reference], `${arrivalDay}T14:25:00+04:00`)]);
    await outbound.waitFor(byKey(transferReference, 'readmission.transfer.confirmed.v1'));
    const handover = await api(`${platform.urls.transfer}/transfers/DE/${transferReference}/handover`, 'border-officer', {
      method: 'POST',
      body: JSON.stringify({ arrived: [reference], identityChecked: true, documentChecked: true }),
    });
    expect(handover.status).toBe(201);

    const url = `${platform.urls.reintegration}/reintegration-cases/${caseNumber}`;
    // The case and its three follow-ups are written one after the other: wait for all of them.
    const opened = await waitUntil(async () => {
      const res = await api(url, 'case-worker');
      const body = res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
      return body && (body.followUps as unknown[]).length === 3 ? body : undefined;
    }, 30_000);
    expect(opened).toMatchObject({
      status: 'open',
      transferReference,
      borderCrossingPoint: 'GYD',
      familyArrivedTogether: true,
      assistanceNeeded: true,
      unaccompaniedMinor: false,
    });
    expect((opened.followUps as unknown[]).length).toBe(3);

    const unassigned = (await (await api(`${platform.urls.reintegration}/reintegration-cases?view=unassigned`, 'case-worker')).json()) as {
      caseNumber: string;
    }[];
    expect(unassigned.map((c) => c.caseNumber)).toContain(caseNumber);
    expect((await api(`${url}/assignment`, 'case-worker', { method: 'POST', body: '{}' })).status).toBe(200);
    const areas = [
      'housing',
      'employment-skills',
      'vocational-training',
      'health',
      'psychosocial',
      'documents',
      'children-education',
      'financial',
    ].map((area) => ({ area, level: area === 'health' ? 'high' : 'low' }));
    expect((await api(`${url}/assessment`, 'case-worker', { method: 'POST', body: JSON.stringify({ areas }) })).status).toBe(200);
    expect(
      (
        await api(`${url}/referrals`, 'case-worker', {
          method: 'POST',
          body: JSON.stringify({ bodyCode: 'MOH', purpose: 'regular medication', area: 'health' }),
        })
      ).status,
    ).toBe(409);
    expect(
      (await api(`${url}/consents`, 'case-worker', { method: 'POST', body: JSON.stringify({ bodyCode: 'MOH', given: true }) })).status,
    ).toBe(200);
    const referral = await api(`${url}/referrals`, 'case-worker', {
      method: 'POST',
      body: JSON.stringify({ bodyCode: 'MOH', purpose: 'regular medication', area: 'health' }),
    });
    expect(referral.status).toBe(201);

    const full = (await (await api(`${url}?purpose=quality%20review`, 'auditor')).json()) as {
      referrals: { bodyCode: string; status: string; dueOn: string; dueBasis: string; shared: { personalData: boolean } }[];
      audit: { action: string }[];
    };
    expect(full.referrals).toEqual([
      expect.objectContaining({
        bodyCode: 'MOH',
        status: 'sent',
        dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        dueBasis: expect.stringMatching(/^10 working days/),
        shared: expect.objectContaining({ personalData: true }),
      }),
    ]);
    expect(full.referrals[0].dueOn > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(full.audit.map((a) => a.action).sort()).toEqual([
      'case-assigned',
      'case-opened',
      'consent-recorded',
      'needs-assessed',
      'referral-sent',
    ]);
  });
});
