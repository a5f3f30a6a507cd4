import { randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { KafkaTestClient, LaunchedPlatform, waitUntil } from '@readmission/testing';
/* eslint-disable-next-line @nx/enforce-module-boundaries -- the partner tool's own command runner plays the partner */
import { run as partnerTool } from '../../tools/partner-cli/src/commands';
import { E2EPlatform, launchE2EPlatform } from './support';

/**
 * A transit under escort through Azerbaijan (interface 1.1, docs/rules.md#transit), end to end over the real broker and
 * store with the platform's processes: the partner tool, as Germany, sends the example transit request and reads the
 * acknowledgement; an officer consents over HTTP; the partner tool reads the decision on Germany's outbound topic; the
 * border officer records the transit entering and leaving at the point of entry.
 */
const run = randomUUID().slice(0, 8);
const EXAMPLE = join(__dirname, '..', '..', 'tools', 'partner-cli', 'examples', 'transit-request.json');

describe('transit under escort through Azerbaijan, with the partner tool as Germany', () => {
  let platform: LaunchedPlatform;
  const kafka = new KafkaTestClient();
  let e2e: E2EPlatform;

  /**
   * Runs the partner tool as Germany; `until` ends it (as Ctrl-C would) once a printed reply satisfies it, otherwise
   * it runs to its --timeout. Returns its exit code, what it printed, and the reply that ended it.
   */
  const partner = async (args: string[], until: (printed: string) => boolean) => {
    const out: string[] = [];
    let found = '';
    const stop = new AbortController();
    const io = {
      out: (t: string) => {
        out.push(t);
        if (!found && until(t)) {
          found = t;
          stop.abort();
        }
      },
      err: () => undefined,
      signal: stop.signal,
    };
    const code = await partnerTool([...args, '--partner', 'DE', '--brokers', process.env.KAFKA_BROKERS as string], io);
    return { code, out: out.join('\n'), found };
  };

  beforeAll(async () => {
    e2e = await launchE2EPlatform(kafka, { run: `transit-${run}`, partners: ['DE'], ports: [20300, 20399] });
    platform = e2e.platform;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await kafka.close();
  });

  it('acknowledges the request, sends the officer’s consent to the partner and records the transit at the point of entry', async () => {
    // The transit rules come with rulebook 2026.3, in effect from 1 December 2026, and receipt is the broker's time (today).
    // As services/intake/src/intake.int-spec.ts does, a copy of 2026.3 is loaded through the admin API; a loaded version
    // must take effect at least 20 s ahead, so this one does 25 s from now, and the request is sent once it is in effect.
    const effectiveFrom = new Date(Date.now() + 25_000);
    const copy = {
      ...JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])),
      version: `e2e-${run}-transit`,
      effectiveFrom: effectiveFrom.toISOString(),
    };
    expect(copy.agreements.find((a: { code: string }) => a.code === 'EU-AZ').transit).toBeDefined();
    const loaded = await e2e.api(`${platform.urls.intake}/rulebooks`, 'admin', { method: 'POST', body: JSON.stringify(copy) });
    expect({ status: loaded.status, body: await loaded.json() }).toMatchObject({ status: 201, body: { version: copy.version } });
    await waitUntil(async () => Date.now() > effectiveFrom.getTime() + 1000, 30_000);

    // Germany sends the example request under this run's reference and reads the acknowledgement.
    const transitReference = `E2E-TRS-${run}`;
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const file = join(mkdtempSync(join(tmpdir(), 'transit-e2e-')), 'transit-request.json');
    writeFileSync(file, JSON.stringify({ ...example, payload: { ...example.payload, transitReference } }));
    const sent = await partner(['send', '--file', file, '--follow', '--timeout', '60'], (reply) => reply.startsWith('<- '));
    expect(sent.code).toBe(0);
    expect(sent.out).toContain('readmission.transit.requested.v1');
    expect(sent.found).toContain('<- readmission.transit.acknowledged.v1');
    expect(sent.found).toContain(`"transitReference": "${transitReference}"`);
    expect(sent.found).toContain('"agreement": "EU-AZ"');
    expect(sent.found).not.toContain('does not match the contract');

    // Transfer keeps the request for the officers.
    const transit = `${platform.urls.transfer}/transits/DE/${transitReference}`;
    await waitUntil(async () => (await e2e.api(transit, 'officer')).status === 200, 60_000);
    expect(await (await e2e.api(transit, 'officer')).json()).toMatchObject({
      status: 'requested',
      agreement: 'EU-AZ',
      pointOfEntry: 'GYD',
      rulebookVersion: copy.version,
    });

    const consent = await e2e.api(`${transit}/decision`, 'officer', { method: 'POST', body: JSON.stringify({ decision: 'consent' }) });
    expect(consent.status).toBe(200);
    const decision = (await consent.json()) as { decision: string; consentValidUntil: string };
    expect(decision.decision).toBe('consented');

    // Germany's system reads its outbound topic (shared by every run: from the beginning, up to this transit's decision).
    const seen = await partner(
      ['follow', '--from-beginning', '--timeout', '60'],
      (reply) => reply.startsWith('<- readmission.transit.decided.v1') && reply.includes(`"transitReference": "${transitReference}"`),
    );
    // (Its exit code also counts earlier runs' replies on the shared topic: this run's decision is what is checked.)
    expect(seen.found).toContain('"decision": "consented"');
    expect(seen.found).toContain(`"consentValidUntil": "${decision.consentValidUntil}"`);
    expect(seen.found).not.toContain('does not match the contract');

    // The border officer records the transit at the point of entry, within the consent's window, and its departure.
    for (const event of ['entered', 'left']) {
      const recorded = await e2e.api(`${transit}/border`, 'border-officer', {
        method: 'POST',
        body: JSON.stringify({ event, crossingPoint: 'GYD' }),
      });
      expect(recorded.status).toBe(200);
      expect(await recorded.json()).toMatchObject({ status: event, crossingPoint: 'GYD' });
    }
    expect(await (await e2e.api(transit, 'auditor')).json()).toMatchObject({
      status: 'left',
      border: [
        { event: 'entered', crossingPoint: 'GYD' },
        { event: 'left', crossingPoint: 'GYD' },
      ],
    });
    // Germany is told each border event (interface 1.1): its system reads them on its outbound topic.
    const told = await partner(
      ['follow', '--from-beginning', '--timeout', '60'],
      (reply) =>
        reply.startsWith('<- readmission.transit.border-recorded.v1') &&
        reply.includes(`"transitReference": "${transitReference}"`) &&
        reply.includes('"event": "left"'),
    );
    expect(told.found).toContain('"crossingPoint": "GYD"');
    expect(told.found).not.toContain('does not match the contract');
  });
});
