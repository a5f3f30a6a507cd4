// Starts the four services and plays a partner (Germany) and a border officer, printing the progress of one
// sample application until its reintegration case is open. `--exit` stops afterwards instead of staying up.
import { spawn } from 'child_process';
import { join } from 'path';
import { readFileSync } from 'fs';
import { randomUUID } from 'crypto';
import { CalendarBook, PARTNER_AGREEMENTS, SHIPPED_CALENDARS, addWorkingDays, bakuDate } from '@readmission/agreements';
import { devTokenClaims, mintDevToken } from '@readmission/auth';
import { INTERNAL_EVENTS, buildPartnerRecord, partnerInboundTopic, partnerOutboundTopic } from '@readmission/contracts';
import { KafkaTestClient, SERVICES, launchPlatform, waitUntil } from '@readmission/testing';

const ROOT = join(__dirname, '..');
const devKeyFile = join(ROOT, '.local', 'auth', 'dev-key.json');
const say = (line: string) => console.log(`[demo] ${line}`);

async function main(): Promise<void> {
  const kafkaBrokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const kafka = new KafkaTestClient(kafkaBrokers);
  if (!process.argv.includes('--resume')) {
    // The local broker also carries what `npm test` and the benchmark published: the demo platform starts at the
    // end of its topics rather than replaying all of it first. `--resume` processes whatever is pending instead.
    const topics = [...Object.keys(PARTNER_AGREEMENTS).map((c) => partnerInboundTopic(c)), ...Object.keys(INTERNAL_EVENTS)];
    await kafka.createTopics(topics);
    await Promise.all(SERVICES.map((service) => kafka.startGroupAtEnd(service, topics)));
    say('consumer groups moved to the end of their topics (earlier records are not replayed; --resume to process them)');
  }
  const platform = await launchPlatform({
    kafkaBrokers,
    mongodbUri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
    basePort: Number(process.env.BASE_PORT ?? 3001),
    devKeyFile,
    logDir: join(ROOT, '.local', 'logs'),
  });
  say(
    `services up: ${Object.entries(platform.urls)
      .map(([s, u]) => `${s} ${u}`)
      .join(', ')} (logs in .local/logs)`,
  );
  // The console's own server (static files, /api/<service>/ proxy, development sign-in with the local key).
  const consoleServer = spawn(process.execPath, [join(ROOT, 'dist/apps/console-server/apps/console/server/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      CONSOLE_PORT: process.env.CONSOLE_PORT ?? '4200',
      INTAKE_URL: platform.urls.intake,
      VERIFICATION_URL: platform.urls.verification,
      TRANSFER_URL: platform.urls.transfer,
      REINTEGRATION_URL: platform.urls.reintegration,
      AUTH_DEV_KEY_FILE: devKeyFile,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async () => {
    consoleServer.kill();
    await platform.stop();
  };
  const outbound = await kafka.collect([partnerOutboundTopic('de')]);
  const fixture = JSON.parse(
    readFileSync(join(ROOT, 'libs', 'contracts', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
  );
  const reference = `DEMO-${randomUUID().slice(0, 8)}`;
  const is = (type: string, key: string) => (r: { key: Buffer | null; headers?: Record<string, unknown> }) =>
    r.key?.toString() === key && String(r.headers?.ce_type) === type;

  say(`partner DE publishes application ${reference} to ${partnerInboundTopic('de')}`);
  await kafka.send(partnerInboundTopic('de'), [
    buildPartnerRecord({ type: fixture.type, value: { ...fixture.value, partnerReference: reference }, source: 'urn:authority:de:bamf' }),
  ]);
  const [ack] = await outbound.waitFor(is('readmission.application.acknowledged.v1', reference));
  const { caseNumber, replyDueBy } = outbound.json<{ caseNumber: string; replyDueBy: string }>(ack);
  say(`acknowledged: case ${caseNumber}, reply due by ${replyDueBy}`);
  const [decided] = await outbound.waitFor(is('readmission.application.decided.v1', reference));
  say(`decided: ${JSON.stringify(outbound.json(decided))}`);

  const transferReference = `${reference}-TR`;
  await kafka.send(partnerInboundTopic('de'), [
    buildPartnerRecord({
      type: 'readmission.transfer.notified.v1',
      value: {
        transferReference,
        partnerReferences: [reference],
        plannedArrival: `${addWorkingDays(new CalendarBook(SHIPPED_CALENDARS).official('AZ'), bakuDate(new Date()), 4).date}T14:25:00+04:00`,
        borderCrossingPoint: 'GYD',
        transport: { mode: 'air', flightNumber: 'J2 024' },
      },
    }),
  ]);
  say(`partner DE notified transfer ${transferReference} to GYD`);
  const [confirmed] = await outbound.waitFor(is('readmission.transfer.confirmed.v1', transferReference));
  say(`transfer confirmed: ${JSON.stringify(outbound.json(confirmed))}`);
  const border = await mintDevToken(devKeyFile, devTokenClaims('border-officer', 'demo-border-officer', ['GYD']));
  await waitUntil(async () => {
    const res = await fetch(`${platform.urls.transfer}/transfers/DE/${transferReference}/handover`, {
      method: 'POST',
      headers: { authorization: `Bearer ${border}`, 'content-type': 'application/json' },
      body: JSON.stringify({ arrived: [reference], identityChecked: true, documentChecked: true }),
    });
    return res.status === 201;
  }, 30_000);
  say('border officer recorded the handover at GYD');
  const [completed] = await outbound.waitFor(is('readmission.transfer.completed.v1', transferReference));
  say(`transfer completed: ${JSON.stringify(outbound.json(completed))}`);
  const worker = await mintDevToken(devKeyFile, devTokenClaims('case-worker', 'demo-case-worker', []));
  const opened = await waitUntil(async () => {
    const res = await fetch(`${platform.urls.reintegration}/reintegration-cases/${caseNumber}`, {
      headers: { authorization: `Bearer ${worker}` },
    });
    return res.status === 200 ? ((await res.json()) as { status: string; openedAt: string }) : undefined;
  }, 30_000);
  say(`reintegration case ${caseNumber} is ${opened.status} (opened ${opened.openedAt})`);
  await kafka.close();

  if (process.argv.includes('--exit')) return stop();
  say(
    `the platform keeps running: console http://127.0.0.1:${process.env.CONSOLE_PORT ?? '4200'} (development sign-in), Prometheus http://127.0.0.1:9090; or curl -H "Authorization: Bearer $(npm run -s token -- officer)" http://127.0.0.1:3001/cases . Ctrl-C stops it.`,
  );
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await stop();
}

main().catch((error: Error) => {
  console.error(`[demo] failed: ${error.message}`);
  process.exit(1);
});
