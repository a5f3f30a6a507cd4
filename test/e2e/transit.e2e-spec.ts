import { randomUUID } from 'crypto';
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { MongoClient } from 'mongodb';
import { SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { KafkaTestClient, LaunchedPlatform, waitUntil } from '@readmission/testing';
import { E2EPlatform, launchE2EPlatform } from './support';

/**
 * A transit under escort through Azerbaijan (interface 1.1, docs/rules.md#transit), over the real broker and store with
 * the four services: the partner tool sends the request and reads the acknowledgement, an officer consents, the partner
 * tool reads the decision, the border officer records the transit entering and leaving at the point of entry.
 */
const run = randomUUID().slice(0, 8);
const ROOT = join(__dirname, '..', '..');
const exec = promisify(execFile);
const example = JSON.parse(readFileSync(join(ROOT, 'tools', 'partner-cli', 'examples', 'transit-request.json'), 'utf8'));

/** The partner tool, as a partner runs it (`npm run partner -- …`); its standard output. */
async function partnerTool(...args: string[]): Promise<string> {
  const { stdout } = await exec(
    process.execPath,
    ['-r', './scripts/register-ts.js', 'tools/partner-cli/src/main.ts', ...args, '--brokers', process.env.KAFKA_BROKERS as string],
    { cwd: ROOT, env: process.env, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

describe('transit under escort through Azerbaijan, with the partner tool', () => {
  let platform: LaunchedPlatform;
  const kafka = new KafkaTestClient();
  const mongo = new MongoClient(process.env.MONGODB_URI as string);
  let e2e: E2EPlatform;

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run, partners: ['DE'], ports: [20800, 20899] });
    platform = e2e.platform;
    await mongo.connect();
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka.close();
    await mongo.close();
  });

  it('acknowledges the request, tells the partner the officer’s consent, and records the transit at the crossing point', async () => {
    // The transit rules take effect with rulebook 2026.3 on 1 December 2026; a copy of it is loaded to take effect now.
    const version = `e2e-transit-${run}`;
    const effectiveFrom = new Date(Date.now() + 25_000).toISOString();
    const rulebook = { ...JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])), version, effectiveFrom, description: 'e2e: transit rules now' };
    const loaded = await e2e.api(`${platform.urls.intake}/rulebooks`, 'admin', { method: 'POST', body: JSON.stringify(rulebook) });
    expect(loaded.status).toBe(201);
    await waitUntil(async () => Date.now() > new Date(effectiveFrom).getTime() + 1000, 60_000);

    const transitReference = `E2E-TRS-${run}`;
    const file = join(mkdtempSync(join(tmpdir(), 'e2e-transit-')), 'transit.json');
    writeFileSync(file, JSON.stringify({ ...example, payload: { ...example.payload, transitReference } }));
    const sent = await partnerTool(
      'send',
      '--partner',
      'DE',
      '--file',
      file,
      '--source',
      'urn:authority:de:bamf',
      '--follow',
      '--timeout',
      '60',
    );
    expect(sent).toContain('sent readmission.transit.requested.v1 to readmission.partner.de.inbound.v1');
    expect(sent).toContain('<- readmission.transit.acknowledged.v1');
    expect(sent).toContain(`"transitReference": "${transitReference}"`);
    expect(sent).toContain('"agreement": "EU-AZ"');

    // Transfer keeps the request for the officers.
    const transit = `${platform.urls.transfer}/transits/DE/${transitReference}`;
    await waitUntil(async () => (await e2e.api(transit, 'officer')).status === 200, 60_000);
    expect(await (await e2e.api(transit, 'officer')).json()).toMatchObject({
      status: 'requested',
      agreement: 'EU-AZ',
      pointOfEntry: 'GYD',
    });
    const consent = await e2e.api(`${transit}/decision`, 'officer', { method: 'POST', body: JSON.stringify({ decision: 'consent' }) });
    expect(consent.status).toBe(200);
    const { consentValidUntil } = (await consent.json()) as { consentValidUntil: string };

    // The partner reads the decision on its outbound topic.
    let decided = '';
    await waitUntil(async () => {
      decided = await partnerTool('follow', '--partner', 'DE', '--from-beginning', '--timeout', '10');
      return decided.includes('<- readmission.transit.decided.v1') && decided.includes(`"consentValidUntil": "${consentValidUntil}"`);
    }, 90_000);
    expect(decided).toContain(`"transitReference": "${transitReference}"`);
    expect(decided).toContain('"decision": "consented"');

    // At the point of entry, within the consent's window.
    for (const event of ['entered', 'left']) {
      const recorded = await e2e.api(`${transit}/border`, 'border-officer', {
        method: 'POST',
        body: JSON.stringify({ event, crossingPoint: 'GYD' }),
      });
      expect(recorded.status).toBe(200);
    }
    const stored = await mongo
      .db(`${e2e.isolation.dbPrefix}-transfer`)
      .collection<{ _id: string; status: string; border: { event: string }[] }>('transits')
      .findOne({ _id: `DE:${transitReference}` });
    expect(stored).toMatchObject({ status: 'left', border: [{ event: 'entered' }, { event: 'left' }] });
  });
});
