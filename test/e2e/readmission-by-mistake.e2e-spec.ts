import { randomUUID } from 'crypto';
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { CalendarBook, SHIPPED_CALENDARS, addWorkingDays, bakuDate } from '@readmission/agreements';
import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient, waitUntil } from '@readmission/testing';
import { E2EPlatform, airTransferNotice, byKey, launchE2EPlatform } from './support';

/**
 * Readmission by mistake through the four services, the real broker and store, with the partner tool playing the
 * partner (interface 1.1): a national is readmitted (application → transfer → handover → reintegration case), an
 * officer asks the partner to take the person back, the partner tool reads the request and accepts it, the border
 * officer records the return, the reintegration case closes; the transfer's costs go to the ledger and its statistics.
 */
const run = randomUUID().slice(0, 8);
const ROOT = join(__dirname, '..', '..');
const IN = partnerInboundTopic('de');
const fixture = JSON.parse(
  readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
);
const partnerTool = (args: string[]) =>
  promisify(execFile)(process.execPath, ['-r', './scripts/register-ts.js', 'tools/partner-cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: process.env,
  });

describe('readmission by mistake, end to end, with the partner tool as the partner', () => {
  let e2e: E2EPlatform;
  let outbound: Collector;
  const kafka = new KafkaTestClient();

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run, partners: ['DE'], ports: [21000, 21099] });
    outbound = await kafka.collect([partnerOutboundTopic('de')]);
  }, 120_000);

  afterAll(async () => {
    await e2e?.platform.stop();
    await kafka.close();
  });

  it('requests the return within the period, reads the partner tool’s acceptance, records the return and closes the reintegration case', async () => {
    const { urls } = e2e.platform;
    const reference = `E2E-MIS-${run}`;
    const transferReference = `E2E-MIS-TR-${run}`;
    await kafka.send(IN, [buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference } })]);
    const [decided] = await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    const { caseNumber } = outbound.json<{ caseNumber: string }>(decided);
    const arrivalDay = addWorkingDays(new CalendarBook(SHIPPED_CALENDARS).official('AZ'), bakuDate(new Date()), 4).date;
    await kafka.send(IN, [airTransferNotice(transferReference, [reference], `${arrivalDay}T14:25:00+04:00`)]);
    await outbound.waitFor(byKey(transferReference, 'readmission.transfer.confirmed.v1'));
    const border = (path: string, body: unknown) =>
      e2e.api(`${urls.transfer}${path}`, 'border-officer', { method: 'POST', body: JSON.stringify(body) });
    expect(
      (
        await border(`/transfers/DE/${transferReference}/persons/${reference}`, {
          arrived: true,
          identityChecked: true,
          documentChecked: true,
        })
      ).status,
    ).toBe(201);
    expect((await border(`/transfers/DE/${transferReference}/close`, {})).status).toBe(200);
    await waitUntil(
      async () =>
        (await e2e.api(`${urls.reintegration}/reintegration-cases/${caseNumber}`, 'case-worker')).status === 200 ? true : undefined,
      30_000,
    );

    // The officer asks the partner to take the person back: the handover was today, well within 6 months.
    const asked = await e2e.api(`${urls.transfer}/mistake-returns`, 'officer', {
      method: 'POST',
      body: JSON.stringify({
        caseNumber,
        grounds: 'not a national of Azerbaijan: the passport presented was forged (the conditions of the agreement were not met)',
        evidence: [{ kind: 'forensic-report', description: 'document examination report of the border service' }],
      }),
    });
    expect(asked.status).toBe(201);

    // The partner tool reads the request from the partner's outbound topic …
    const followed = await partnerTool(['follow', '--partner', 'DE', '--from-beginning', '--timeout', '15']).catch(
      (e: { stdout: string }) => e,
    );
    expect(followed.stdout).toContain('readmission.mistake.return-requested.v1');
    expect(followed.stdout).toContain(caseNumber);
    // … and answers it: accepted.
    const answer = join(mkdtempSync(join(tmpdir(), 'e2e-mistake-')), 'answer.json');
    writeFileSync(
      answer,
      JSON.stringify({ type: 'readmission.mistake.answered.v1', payload: { partnerReference: reference, caseNumber, answer: 'accepted' } }),
    );
    await partnerTool(['send', '--partner', 'DE', '--file', answer]);
    await waitUntil(async () => {
      const res = await e2e.api(`${urls.transfer}/mistake-returns/${caseNumber}`, 'officer');
      return ((await res.json()) as { status: string }).status === 'accepted' ? true : undefined;
    }, 30_000);

    // The border officer hands the person back; the partner is told; the reintegration case closes.
    const back = await border(`/mistake-returns/${caseNumber}/return`, { returned: true, borderCrossingPoint: 'GYD' });
    expect(back.status).toBe(200);
    const [completed] = await outbound.waitFor(byKey(reference, 'readmission.mistake.return-completed.v1'));
    expect(outbound.json(completed)).toMatchObject({ caseNumber, outcome: 'returned', borderCrossingPoint: 'GYD' });
    const closed = await waitUntil(async () => {
      const c = (await (await e2e.api(`${urls.reintegration}/reintegration-cases/${caseNumber}`, 'case-worker')).json()) as {
        status: string;
        outcome?: string;
      };
      return c.status === 'closed' ? c : undefined;
    }, 30_000);
    expect(closed.outcome).toBe('readmitted-by-mistake');

    // The transfer's transport cost in the ledger, and in the statistics of its partner and year.
    const year = Number(arrivalDay.slice(0, 4));
    const cost = await e2e.api(`${urls.transfer}/cost-entries`, 'officer', {
      method: 'POST',
      body: JSON.stringify({
        referenceKind: 'readmission',
        reference: `DE:${transferReference}`,
        leg: 'charter flight MUC-GYD',
        incurredOn: arrivalDay,
        amount: '12500.00',
        currency: 'EUR',
      }),
    });
    expect(cost.status).toBe(201);
    const stats = (await (await e2e.api(`${urls.transfer}/cost-statistics?from=${year}&partner=DE`, 'auditor')).json()) as {
      rows: unknown[];
    };
    expect(stats.rows).toEqual([
      expect.objectContaining({ partner: 'DE', year, currency: 'EUR', entries: 1, total: '12500.00', borneByRequestingState: '12500.00' }),
    ]);
  });
});
