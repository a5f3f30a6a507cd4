import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { formatInstant } from '@readmission/agreements';
import { partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient, LaunchedPlatform, waitUntil } from '@readmission/testing';
/* eslint-disable-next-line @nx/enforce-module-boundaries -- the partner tool's own command runner plays the partner */
import { run as partnerTool } from '../../tools/partner-cli/src/commands';
import { E2EPlatform, byKey, launchE2EPlatform } from './support';

/**
 * Azerbaijan as the requesting state, end to end over the real broker and store with the platform's processes: an
 * officer sends an application to Germany, the partner tool (`npm run partner`) reads it from Germany's outbound topic
 * and answers as Germany would (acknowledgement, acceptance, travel document) on its inbound topic; the officer
 * notifies the transfer and the border officer records the handover, both of which Germany receives.
 */
const run = randomUUID().slice(0, 8);
const EXAMPLES = join(__dirname, '..', '..', 'tools', 'partner-cli', 'examples');

describe('Azerbaijan applies to Germany: application, answers from the partner tool, transfer and handover', () => {
  let platform: LaunchedPlatform;
  let outbound: Collector;
  const kafka = new KafkaTestClient();
  let e2e: E2EPlatform;
  const dir = mkdtempSync(join(tmpdir(), 'outgoing-e2e-'));
  const startedAt = Date.now();
  /** Request numbers restart in every test database while the partner topics are shared: only this run's records count. */
  const ours = (key: string, type: string) => (r: { key: Buffer | null; headers?: Record<string, unknown>; timestamp?: string }) =>
    byKey(key, type)(r) && Number(r.timestamp) >= startedAt;

  /** Runs the partner tool as Germany; returns its exit code and what it printed. */
  const partner = async (...args: string[]) => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined, signal: new AbortController().signal };
    const code = await partnerTool([...args, '--partner', 'DE', '--brokers', process.env.KAFKA_BROKERS as string], io);
    return { code, out: out.join('\n') };
  };
  /** The example answer with this request's number (and other fields of this run). */
  const answer = (example: string, requestNumber: string, extra: Record<string, unknown> = {}) => {
    const file = join(dir, `${requestNumber}-${example}`);
    const message = JSON.parse(readFileSync(join(EXAMPLES, example), 'utf8'));
    writeFileSync(file, JSON.stringify({ ...message, payload: { ...message.payload, requestNumber, ...extra } }));
    return file;
  };
  const application = (surname: string) => ({
    partner: 'DE',
    requestingAuthority: { name: 'State Migration Service, readmission unit' },
    procedure: 'normal',
    category: 'national',
    person: { surname, givenNames: `Lukas ${run}`, sex: 'male', dateOfBirth: '1990-02-11', nationality: 'DE' },
    evidence: [{ type: 'identity-card', form: 'original', number: `L${run}`, issuingCountry: 'DE', expiresOn: '2030-01-31' }],
    interviewRequested: false,
  });

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run: `out-${run}`, partners: ['DE'], ports: [7100, 7400] });
    platform = e2e.platform;
    outbound = await kafka.collect([partnerOutboundTopic('de')]);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka.close();
  });

  it('sends, is answered by the partner tool, notifies the transfer and records the handover', async () => {
    const intake = platform.urls.intake;
    // Germany's system (the partner tool) follows its outbound topic from now on.
    const following = partner('follow', '--timeout', '20');
    const sent = await e2e.api(`${intake}/outgoing-requests`, 'officer', {
      method: 'POST',
      body: JSON.stringify(application('Weber')),
    });
    expect(sent.status).toBe(201);
    const { requestNumber } = (await sent.json()) as { requestNumber: string };
    const seen = await following;
    expect(seen.code).toBe(0);
    expect(seen.out).toContain('<- readmission.request.submitted.v1');
    expect(seen.out).toContain(`key            ${requestNumber}`);
    expect(seen.out).not.toContain('does not match the contract');

    for (const example of ['request-acknowledged.json', 'request-decided-accepted.json', 'request-travel-document-issued.json']) {
      const result = await partner('send', '--file', answer(example, requestNumber));
      expect(result.code).toBe(0);
    }
    const read = async () =>
      (await (await e2e.api(`${intake}/outgoing-requests/${requestNumber}`, 'officer')).json()) as Record<string, unknown>;
    await waitUntil(async () => {
      const r = await read();
      return r.status === 'accepted' && !!r.travelDocument;
    }, 60_000);
    expect(await read()).toMatchObject({ partnerCaseReference: 'BAMF-IN-2026-0815', decision: { decision: 'accepted', deemed: false } });

    // Ten days ahead is more than 3 of Germany's working days, within the transfer time limit and the document's validity.
    const arrival = formatInstant(new Date(Date.now() + 10 * 86_400_000));
    const notify = (borderCrossingPoint: string) =>
      e2e.api(`${intake}/outgoing-requests/${requestNumber}/transfer-notice`, 'officer', {
        method: 'POST',
        body: JSON.stringify({
          plannedDeparture: arrival,
          plannedArrival: arrival,
          borderCrossingPoint,
          departureCrossingPoint: 'GYD',
          transport: { mode: 'air', carrier: 'AZAL' },
        }),
      });
    // The partner's crossing point is a code of the crossing-point reference data.
    const unknown = await notify('MUC');
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ details: [{ field: 'borderCrossingPoint', code: 'unknown-crossing-point' }] });
    expect((await notify('DE-FRA')).status).toBe(201);
    const [notified] = await outbound.waitFor(ours(requestNumber, 'readmission.request.transfer-notified.v1'));
    expect(outbound.json(notified)).toMatchObject({
      requestNumber,
      borderCrossingPoint: 'DE-FRA',
      travelDocumentNumber: 'DE-LP-2026-4411',
    });

    // Germany refuses that notice (the partner tool's example), the officer sees it and notifies another, which Germany confirms.
    const firstReference = `AZT-${requestNumber}`;
    expect(
      (await partner('send', '--file', answer('request-transfer-refused.json', requestNumber, { transferReference: firstReference }))).code,
    ).toBe(0);
    await waitUntil(async () => (await read()).status === 'accepted', 60_000);
    expect(await read()).toMatchObject({
      refusedTransfers: [
        { transferReference: firstReference, borderCrossingPoint: 'DE-FRA', refusal: { reasons: [{ code: 'crossing-point-closed' }] } },
      ],
    });
    const second = await notify('DE-MUC');
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ transferReference: `${firstReference}-2` });
    const confirmation = answer('request-transfer-confirmed.json', requestNumber, { transferReference: `${firstReference}-2`, arrival });
    expect((await partner('send', '--file', confirmation)).code).toBe(0);
    await waitUntil(async () => (await read()).status === 'transfer-confirmed', 60_000);
    expect(await read()).toMatchObject({
      transfer: { transferReference: `${firstReference}-2`, confirmation: { borderCrossingPoint: 'DE-MUC' } },
    });

    const handover = await e2e.api(`${intake}/outgoing-requests/${requestNumber}/handover`, 'border-officer', { method: 'POST' });
    expect(handover.status).toBe(200);
    const [handedOver] = await outbound.waitFor(ours(requestNumber, 'readmission.request.handed-over.v1'));
    expect(outbound.json(handedOver)).toMatchObject({ requestNumber, borderCrossingPoint: 'GYD' });
    expect(await read()).toMatchObject({ status: 'handed-over' });
  }, 180_000);

  it('records the partner tool’s rejection of an application as invalid, reasons by field, for the officer to see', async () => {
    const intake = platform.urls.intake;
    const sent = await e2e.api(`${intake}/outgoing-requests`, 'officer', { method: 'POST', body: JSON.stringify(application('Schmidt')) });
    expect(sent.status).toBe(201);
    const { requestNumber } = (await sent.json()) as { requestNumber: string };
    await outbound.waitFor(ours(requestNumber, 'readmission.request.submitted.v1'));
    expect((await partner('send', '--file', answer('request-rejected.json', requestNumber))).code).toBe(0);
    const read = async () =>
      (await (await e2e.api(`${intake}/outgoing-requests/${requestNumber}`, 'officer')).json()) as Record<string, unknown>;
    await waitUntil(async () => (await read()).status === 'rejected', 60_000);
    expect(await read()).toMatchObject({
      rejection: { reasons: [{ code: 'invalid-message', field: '$.person.dateOfBirth' }] },
      history: [{ type: 'readmission.request.submitted.v1' }, { type: 'readmission.request.rejected.v1' }],
    });
  }, 120_000);
});
