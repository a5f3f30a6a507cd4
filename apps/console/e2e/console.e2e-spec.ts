import { randomUUID } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { Server } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import { Browser, BrowserContext } from 'playwright-core';
import { CalendarBook, SHIPPED_CALENDARS, addWorkingDays, bakuDate } from '@readmission/agreements';
import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient, LaunchedPlatform } from '@readmission/testing';
import { startConsoleServer } from '../server/console-server';
import { Checked, OUTPUT, checkPage, launchChromium, reloadUntil, signIn } from './browser';
import { PARTNERS, launchConsolePlatform } from './platform';

/**
 * The console in a real browser (Debian's Chromium) against the real platform (the four built services, real
 * Kafka and store, databases and consumer groups of this run): one journey per role, each page scanned by axe
 * and checked in both languages, screenshots in .local/test-output/console/.
 */
const run = randomUUID().slice(0, 8);
const reference = `CON-${run}-1`;
const transferReference = `CON-TR-${run}`;
const byKey = (key: string, type: string) => (r: { key: Buffer | null; headers?: Record<string, unknown> }) =>
  r.key?.toString() === key && String(r.headers?.ce_type) === type;

describe('the console, one journey per role', () => {
  const kafka = new KafkaTestClient();
  const checked: Checked = { pages: [] };
  let platform: LaunchedPlatform;
  let server: Server;
  let browser: Browser;
  let outbound: Collector;
  let base: string;
  let caseNumber: string;
  const contexts: BrowserContext[] = [];
  const context = async (viewport = { width: 1366, height: 900 }) => {
    const c = await browser.newContext({ viewport, locale: 'az-AZ', timezoneId: 'Europe/Berlin' });
    contexts.push(c);
    return c;
  };

  beforeAll(async () => {
    const launched = await launchConsolePlatform(kafka, run, 5100 + Math.floor(Math.random() * 700));
    platform = launched.platform;
    server = await startConsoleServer({
      port: 0,
      staticDir: join(__dirname, '..', '..', '..', 'dist', 'apps', 'console'),
      services: platform.urls,
      devKeyFile: launched.devKeyFile,
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    outbound = await kafka.collect(PARTNERS.map((p) => partnerOutboundTopic(p)));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, 'checks.json'), JSON.stringify(checked.pages, null, 2));
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    server?.close();
    await platform?.stop();
    await kafka.close();
  });

  it('sign-in: the development sign-in is offered, visibly marked', async () => {
    const page = await (await context()).newPage();
    await page.goto(base);
    await page.getByText('İNKİŞAF').first().waitFor();
    await checkPage(page, '00-sign-in', checked);
  });

  it('officer: a partner application appears in the queue, the officer decides it, the partner receives application.decided', async () => {
    // A copy of a passport is prima facie evidence only, and the registry knows nobody: the case waits for an officer.
    await kafka.send(partnerInboundTopic('DE'), [
      buildPartnerRecord({
        type: 'readmission.application.submitted.v1',
        source: 'urn:authority:de:bamf',
        value: {
          partnerReference: reference,
          requestingAuthority: { name: 'Bundesamt für Migration und Flüchtlinge', email: 'rueckfuehrung@bamf.example' },
          procedure: 'normal',
          category: 'national',
          person: {
            surname: 'Məmmədov',
            givenNames: 'Elçin',
            sex: 'male',
            dateOfBirth: '1990-04-12',
            placeOfBirth: 'Gəncə',
            nationality: 'AZ',
          },
          evidence: [
            {
              type: 'passport',
              form: 'copy',
              number: `C${run.replace(/\D/g, '').padEnd(8, '7').slice(0, 8)}`,
              issuingCountry: 'AZ',
              issuedOn: '2020-01-10',
              expiresOn: '2030-01-09',
            },
          ],
          interviewRequested: false,
          escortRequired: false,
          unaccompaniedMinor: false,
        },
      }),
    ]);
    const [ack] = await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'));
    caseNumber = outbound.json<{ caseNumber: string }>(ack).caseNumber;

    const page = await signIn(await context(), base, 'Miqrasiya əməkdaşı', 'Aysel Quliyeva');
    await reloadUntil(page, () => page.getByRole('link', { name: caseNumber }).isVisible());
    await checkPage(page, '10-officer-queue', checked);

    // Found by name in another spelling (no diacritics), on the server.
    await page.getByRole('link', { name: 'Müraciət axtarışı' }).click();
    await page.getByRole('textbox', { name: 'Ad', exact: true }).fill('Mammadov Elcin');
    await page.getByRole('button', { name: 'Axtar' }).click();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    await checkPage(page, '11-officer-search', checked);

    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { name: `İş ${caseNumber}` }).waitFor();
    await page.getByText('Məmmədov, Elçin').first().waitFor();
    await checkPage(page, '12-officer-case', checked);

    const decide = page.locator('form[aria-labelledby="decide-title"]');
    await decide.getByRole('combobox', { name: 'Qərar' }).click();
    await page.getByRole('option', { name: 'Qəbul edildi' }).click();
    await decide.getByRole('combobox', { name: 'Əsas' }).click();
    await page.getByRole('option', { name: 'İlkin sübut' }).click();
    await decide
      .getByRole('textbox', { name: /Səbəb/ })
      .fill('The copy of the passport and the statements agree; nationality established.');
    await decide.getByRole('button', { name: 'Bax və təsdiqlə…' }).click();
    const preview = page.getByTestId('partner-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('"decision": "accepted"');
    await checkPage(page, '13-officer-confirm', checked, { dialog: true });
    await page.getByRole('dialog').getByRole('button', { name: 'Təsdiqlə' }).click();

    const [decided] = await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    expect(outbound.json(decided)).toMatchObject({ caseNumber, decision: 'accepted', basis: 'prima-facie', deemed: false });
    const sent = page.getByTestId('partner-sent');
    await sent.waitFor({ timeout: 30_000 });
    expect(await sent.textContent()).toContain(caseNumber);
    await checkPage(page, '14-officer-sent', checked, { dialog: true });
  });

  it('border officer: the transfer notice appears at the crossing point, the arrival is recorded and the transfer closed (tablet)', async () => {
    await outbound.waitFor(byKey(reference, 'readmission.travel-document.issued.v1'));
    const arrivalDay = addWorkingDays(new CalendarBook(SHIPPED_CALENDARS).official('AZ'), bakuDate(new Date()), 4).date;
    await kafka.send(partnerInboundTopic('DE'), [
      buildPartnerRecord({
        type: 'readmission.transfer.notified.v1',
        value: {
          transferReference,
          partnerReferences: [reference],
          plannedArrival: `${arrivalDay}T14:25:00+04:00`,
          borderCrossingPoint: 'GYD',
          transport: { mode: 'air', carrier: 'AZAL', flightNumber: 'J2 024' },
        },
      }),
    ]);
    await outbound.waitFor(byKey(transferReference, 'readmission.transfer.confirmed.v1'));

    const page = await signIn(await context({ width: 1024, height: 768 }), base, 'Sərhəd əməkdaşı', 'Rəşad Əliyev');
    await page.getByRole('combobox', { name: 'Keçid məntəqəsi' }).click();
    await page.getByRole('option', { name: /^GYD/ }).click();
    await page.getByText('Başqa gün').click();
    await page.getByLabel('Tarix').fill(arrivalDay);
    const person = page.getByRole('article', { name: 'Məmmədov, Elçin' });
    await person.waitFor({ timeout: 30_000 });
    await checkPage(page, '20-border-arrivals', checked);

    await person.getByRole('button', { name: 'Gəldi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /Şəxsiyyət/ }).check();
    await dialog.getByRole('checkbox', { name: /Səyahət sənədi/ }).check();
    await checkPage(page, '21-border-record', checked, { dialog: true });
    await dialog.getByRole('button', { name: 'Təsdiqlə' }).click();
    await person.getByText('Gəldi', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Təhvili bağla' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Təsdiqlə' }).click();
    const [completed] = await outbound.waitFor(byKey(transferReference, 'readmission.transfer.completed.v1'));
    expect(outbound.json(completed)).toMatchObject({ transferReference, handedOver: [reference] });
    await page.getByText('Bağlanıb').first().waitFor();
    await checkPage(page, '22-border-closed', checked);
  });

  it('case worker: the new reintegration case is there, a referral is recorded with consent', async () => {
    const page = await signIn(await context(), base, 'Sosial işçi', 'Nigar Həsənova');
    await page.getByRole('tab', { name: 'Təyin olunmamış' }).click();
    await reloadUntil(page, () => page.getByRole('link', { name: caseNumber }).isVisible());
    await checkPage(page, '30-case-worker-cases', checked);

    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { name: `İş ${caseNumber}` }).waitFor();
    await page.getByRole('button', { name: 'Özümə təyin et' }).click();
    await page.getByRole('button', { name: 'Özümə təyin et' }).waitFor({ state: 'detached' });
    const refer = page.locator('form[aria-labelledby="refer-title"]');
    await refer.getByRole('combobox', { name: 'Qurum' }).click();
    await page.getByRole('option', { name: /Ministry of Health/ }).click();
    await refer.getByRole('button', { name: 'Razılığı qeyd et' }).click();
    await refer.getByText('Şəxs bu qurumla şəxsi məlumatların paylaşılmasına razılıq verib.').waitFor();
    await refer.getByRole('textbox', { name: 'Məqsəd' }).fill('Medical check-up after return');
    await refer.getByRole('button', { name: 'Göndər' }).click();
    await page.getByRole('cell', { name: /Ministry of Health/ }).waitFor();
    await page.getByRole('combobox', { name: 'Mənzil: Ehtiyac' }).click();
    await page.getByRole('option', { name: 'Yüksək' }).click();
    await page.getByRole('button', { name: 'Qiymətləndirməni saxla' }).click();
    const plan = page.locator('form[aria-labelledby="plan-title"]');
    await plan.waitFor();
    await plan.getByRole('textbox', { name: 'Xidmət' }).fill('Peşə kursu: aşpaz');
    await plan.getByRole('textbox', { name: 'Təminatçı' }).fill('DOST mərkəzi');
    await plan.getByRole('button', { name: 'Xidmət əlavə et' }).click();
    await page.getByRole('cell', { name: 'Peşə kursu: aşpaz' }).waitFor();
    await checkPage(page, '31-case-worker-case', checked);
  });

  it("auditor: the charts show the new figures, each as CSV; the audit trail finds the officer's decision", async () => {
    const page = await signIn(await context(), base, 'Auditor', 'Fərid Məmmədli');
    await page.getByRole('heading', { name: 'Statistika' }).waitFor();
    await page.getByText('Rəqəmlər cədvəl şəklində').first().click();
    await page.getByRole('cell', { name: 'DE', exact: true }).first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'readmissions-by-partner.csv yüklə' }).click();
    expect((await download).suggestedFilename()).toBe('readmissions-by-partner.csv');
    await checkPage(page, '40-auditor-statistics', checked);

    await page.getByRole('link', { name: 'Audit jurnalı' }).click();
    await page.getByRole('textbox', { name: 'İş (və ya obyekt)' }).fill(caseNumber);
    await page.getByRole('button', { name: 'Axtar' }).click();
    await page.getByRole('cell', { name: 'dev-aysel-quliyeva' }).first().waitFor();
    await checkPage(page, '41-auditor-audit-trail', checked);
  });

  it('administrator: a rulebook with an error is refused and the error is shown by its path; calendars and reference data', async () => {
    const page = await signIn(await context(), base, 'Administrator', 'Leyla Rzayeva');
    await page.getByRole('heading', { name: 'Qaydalar kitabı' }).waitFor();
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({
        name: 'broken-rulebook.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({
            version: `2099.${run.slice(0, 4)}`,
            effectiveFrom: 'tomorrow',
            description: 'broken on purpose',
            agreements: [],
            partners: [],
          }),
        ),
      });
    await page.getByRole('button', { name: 'Yüklə', exact: true }).click();
    const details = page.getByTestId('error-details');
    await details.waitFor();
    expect(await details.textContent()).toContain('$.effectiveFrom');
    await checkPage(page, '50-admin-rulebooks', checked);
    await page.getByRole('link', { name: 'Təqvimlər' }).click();
    await page.getByRole('button', { name: 'AZ 2026' }).click();
    await page
      .getByText(/New Year/)
      .first()
      .waitFor();
    await checkPage(page, '51-admin-calendars', checked);
    await page.getByRole('link', { name: 'Keçid məntəqələri və qurumlar' }).click();
    await page.getByRole('cell', { name: 'GYD' }).waitFor();
    await checkPage(page, '52-admin-reference-data', checked);
  });

  it('an expired session sends the officer to sign in and back to the page, with the half-filled form kept', async () => {
    const c = await context();
    const page = await signIn(c, base, 'Miqrasiya əməkdaşı', 'Aysel Quliyeva');
    await page.goto(`${base}/officer/search`);
    await page.getByRole('textbox', { name: 'Ad', exact: true }).waitFor();
    const reference2 = `CON-${run}-2`;
    await kafka.send(partnerInboundTopic('DE'), [
      buildPartnerRecord({
        type: 'readmission.application.submitted.v1',
        value: {
          partnerReference: reference2,
          requestingAuthority: { name: 'BAMF' },
          procedure: 'normal',
          category: 'national',
          person: { surname: 'Quliyev', givenNames: 'Vüsal', sex: 'male', dateOfBirth: '1985-02-03', nationality: 'AZ' },
          evidence: [
            { type: 'passport', form: 'copy', number: 'C12121212', issuingCountry: 'AZ', issuedOn: '2020-01-10', expiresOn: '2030-01-09' },
          ],
          interviewRequested: false,
          escortRequired: false,
          unaccompaniedMinor: false,
        },
      }),
    ]);
    const [ack] = await outbound.waitFor(byKey(reference2, 'readmission.application.acknowledged.v1'));
    const second = outbound.json<{ caseNumber: string }>(ack).caseNumber;
    await page.goto(`${base}/officer/cases/${second}`);
    const extension = page.locator('form[aria-labelledby="extension-title"]');
    // Verification opens its case just after intake acknowledges: until then the page says it is not found.
    await reloadUntil(page, () => extension.isVisible());
    await extension.getByRole('textbox', { name: /Səbəb/ }).fill('Registry answer expected on Monday');
    // The services stop accepting the token (as when it expires): the next call is refused with 401.
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('console.session') as string);
      sessionStorage.setItem('console.session', JSON.stringify({ ...s, token: `${s.token}x` }));
    });
    await page.reload();
    await page.getByText('Sessiyanız başa çatıb', { exact: false }).waitFor();
    await page.getByRole('combobox', { name: 'Rol' }).click();
    await page.getByRole('option', { name: 'Miqrasiya əməkdaşı' }).click();
    await page.getByRole('textbox', { name: 'Adınız' }).fill('Aysel Quliyeva');
    await page.getByRole('button', { name: 'İnkişaf üçün daxil ol' }).click();
    await page.getByRole('heading', { name: `İş ${second}` }).waitFor();
    expect(await page.locator('form[aria-labelledby="extension-title"]').getByRole('textbox', { name: /Səbəb/ }).inputValue()).toBe(
      'Registry answer expected on Monday',
    );
  });

  it('every page: no WCAG 2.1 AA violation found by axe and no untranslated string, in both languages', () => {
    expect(checked.pages.length).toBeGreaterThanOrEqual(27);
    expect(checked.pages.filter((p) => p.violations.length || p.missing.length)).toEqual([]);
  });
});
