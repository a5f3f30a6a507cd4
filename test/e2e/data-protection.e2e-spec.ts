import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { MongoClient } from 'mongodb';
import { CalendarBook, SHIPPED_CALENDARS, addWorkingDays, bakuDate } from '@readmission/agreements';
import { buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { Collector, KafkaTestClient, LaunchedPlatform, waitUntil } from '@readmission/testing';
import { E2EPlatform, airTransferNotice, byKey, launchE2EPlatform } from './support';

/**
 * Encryption at rest, read as an attacker with the store would: after a whole flow (application → case → transfer →
 * reintegration case), every document of every collection of every service's database, read raw with the MongoDB
 * driver (no mongoose, no repository), holds none of the names, dates of birth, document numbers, places or
 * assistance details that were sent, in any spelling the platform derives from them. The person is also in the citizen
 * registry, imported with `npm run registry:import` as an operator would: its copy (`registry-persons`) is held to
 * the same rule, and verification still finds the person in it.
 */
const run = randomUUID().slice(0, 8);
const REPO = join(__dirname, '..', '..');
/** The registry import command as built (`npm run registry:import` runs the same code from source). */
const REGISTRY_IMPORT = join(
  REPO,
  'dist',
  'services',
  'verification',
  'services',
  'verification',
  'src',
  'interface',
  'cli',
  'import-registry.js',
);
const IN = partnerInboundTopic('de');
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
);
/** Letters only, unique per run: names nobody else in the store has. */
const letters = (text: string) => [...text.replace(/-/g, '')].map((c) => 'abcdefghijklmnop'[parseInt(c, 16)]).join('');
const tag = letters(run);
const person = {
  ...fixture.value.person,
  surname: `Səfərov${tag}`,
  givenNames: `Tural${tag}`,
  dateOfBirth: '1979-08-23',
  placeOfBirth: `Şəki${tag}`,
  lastResidence: `Sumqayıt ${tag} küçəsi`,
};
const passport = `C${String(parseInt(run.slice(0, 7), 16))
  .padStart(8, '0')
  .slice(0, 8)}`;
const spouse = { ...fixture.value.family[0], surname: `Səfərova${tag}`, givenNames: `Aysel${tag}`, dateOfBirth: '1981-02-14' };
const assistance = { needed: true, consentGiven: true, details: `insulin ${tag} daily` };

describe('data protection: the raw store after a whole flow', () => {
  let platform: LaunchedPlatform;
  let outbound: Collector;
  const kafka = new KafkaTestClient();
  const mongo = new MongoClient(process.env.MONGODB_URI as string);
  let e2e: E2EPlatform;

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run, partners: ['DE'], ports: [4700, 4800] });
    platform = e2e.platform;
    outbound = await kafka.collect([partnerOutboundTopic('DE')]);
    await mongo.connect();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka.close();
    await mongo.close();
  });

  it('finds no sent name, date of birth, document number, place or assistance detail in clear in any collection', async () => {
    // The person's registry record, through the import command into this platform's verification database.
    const rows = join(mkdtempSync(join(tmpdir(), 'e2e-dp-')), 'persons.ndjson');
    const personalId = `DP-${run}`; // the registry's key, in clear (not derived from the names)
    const { surname, givenNames, sex, dateOfBirth, placeOfBirth } = person;
    writeFileSync(
      rows,
      `${JSON.stringify({ personalId, surname, givenNames, sex, dateOfBirth, placeOfBirth, documents: [{ type: 'passport', number: passport }] })}\n`,
    );
    const imported = await promisify(execFile)(process.execPath, [REGISTRY_IMPORT, '--file', rows], {
      cwd: REPO,
      env: { ...process.env, MONGODB_DB: `${e2e.isolation.dbPrefix}-verification` },
    });
    expect(imported.stdout).toContain('read 1, imported 1');
    const reference = `E2E-DP-${run}`;
    const transferReference = `E2E-DP-TR-${run}`;
    const evidence = [{ ...fixture.value.evidence[0], number: passport }];
    await kafka.send(IN, [
      buildPartnerRecord({
        type: fixture.type,
        value: { ...fixture.value, partnerReference: reference, person, family: [spouse], evidence, assistance },
        source: 'urn:authority:de:bamf',
      }),
    ]);
    const [ack] = await outbound.waitFor(byKey(reference, 'readmission.application.acknowledged.v1'));
    const { caseNumber } = outbound.json<{ caseNumber: string }>(ack);
    await outbound.waitFor(byKey(reference, 'readmission.application.decided.v1'));
    // Verification matched the person in the sealed registry copy (by blind-indexed keys), through its own reads.
    const page = (await (await e2e.api(`${platform.urls.verification}/verification-cases/${caseNumber}`, 'officer')).json()) as {
      registry?: { candidates: { personalId: string; verdict: string }[] };
    };
    expect(page.registry?.candidates).toEqual([expect.objectContaining({ personalId, verdict: 'match' })]);

    const arrivalDay = addWorkingDays(new CalendarBook(SHIPPED_CALENDARS).official('AZ'), bakuDate(new Date()), 4).date;
    await kafka.send(IN, [airTransferNotice(transferReference, [reference], `${arrivalDay}T10:00:00+04:00`)]);
    await outbound.waitFor(byKey(transferReference, 'readmission.transfer.confirmed.v1'));
    // The border officer still reads the person in clear (through the service), and records the arrival.
    const arrivals = await (
      await e2e.api(`${platform.urls.transfer}/border/arrivals?borderCrossingPoint=GYD&date=${arrivalDay}`, 'border-officer')
    ).text();
    expect(arrivals).toContain(person.surname);
    const urls = platform.urls;
    const post = (url: string, body?: unknown) =>
      e2e.api(url, 'border-officer', { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) });
    expect(
      (
        await post(`${urls.transfer}/transfers/DE/${transferReference}/persons/${reference}`, {
          arrived: true,
          identityChecked: true,
          documentChecked: true,
        })
      ).status,
    ).toBe(201);
    expect((await post(`${urls.transfer}/transfers/DE/${transferReference}/close`)).status).toBe(200);
    const opened = await waitUntil(async () => {
      const res = await e2e.api(`${urls.reintegration}/reintegration-cases/${caseNumber}`, 'case-worker');
      return res.status === 200 ? ((await res.json()) as { person: { surname: string } }) : undefined;
    }, 30_000);
    expect(opened.person.surname).toBe(person.surname);
    // And the officers' search still finds the case by name, in another spelling.
    const found = (await (await e2e.api(`${urls.intake}/cases?name=Safarov${tag}`, 'officer')).json()) as {
      items: { caseNumber: string }[];
    };
    expect(found.items.map((c) => c.caseNumber)).toEqual([caseNumber]);

    // Every collection of every service's database, raw.
    const secrets = [
      person.surname,
      person.givenNames,
      person.placeOfBirth,
      person.lastResidence,
      spouse.surname,
      spouse.givenNames,
      person.dateOfBirth,
      spouse.dateOfBirth,
      passport,
      assistance.details,
      tag, // any derived form: folded names, skeletons, search keys
    ];
    const databases = (await mongo.db().admin().listDatabases()).databases
      .map((d) => d.name)
      .filter((n) => n.startsWith(`${e2e.isolation.dbPrefix}-`));
    expect(databases.sort()).toEqual(['intake', 'reintegration', 'transfer', 'verification'].map((s) => `${e2e.isolation.dbPrefix}-${s}`));
    const seen: string[] = [];
    const leaks: string[] = [];
    for (const name of databases) {
      const db = mongo.db(name);
      for (const { name: collection } of await db.listCollections().toArray()) {
        for (const doc of await db.collection(collection).find({}).toArray()) {
          seen.push(`${name}/${collection}`);
          const text = JSON.stringify(doc).normalize('NFC').toLowerCase();
          for (const secret of secrets)
            if (text.includes(secret.toLowerCase())) leaks.push(`${name}/${collection} ${String(doc._id)}: ${secret}`);
        }
      }
    }
    // The flow wrote where the personal data lives: cases, verification cases, accepted cases, reintegration cases.
    for (const where of [
      'intake/cases',
      'verification/verification-cases',
      'verification/registry-persons',
      'transfer/accepted-cases',
      'reintegration/reintegration-cases',
    ])
      expect(seen).toContain(`${e2e.isolation.dbPrefix}-${where}`);
    expect(leaks).toEqual([]);
  });
});
