// Micro-measurement of the encryption at rest on the intake handler's write (docs/security.md, README "Benchmark"):
// what RegisterApplication seals and blinds for one application (the inbound payload in the history, the
// acknowledgement and the case-registered event in the outbox, the search keys), without the store.
// `npm run bench:encryption [-- <iterations>]`; no broker, no store needed.
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { FieldCipher, FileKeyProvider, Keyring } from '@readmission/persistence';
// The measurement uses intake's own search keys (what RegisterApplication blinds), not a copy of them.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { searchKeys } from '../../services/intake/src/domain/search-name';

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 5000);
  const application = JSON.parse(
    readFileSync(join(__dirname, '../../libs/contracts/fixtures/valid/application-submitted-national.json'), 'utf8'),
  ).value;
  const provider = new FileKeyProvider({ current: 'bench', keys: { bench: randomBytes(32).toString('base64') } });
  // A keyring whose data keys are already loaded (as after the first write of a process): no store involved.
  const keyring = Object.assign(Object.create(Keyring.prototype) as Keyring, {
    provider,
    dataKey: async () => ({ id: 'data:bench', key: randomKey }),
    key: async () => randomKey,
    blindKeys: async () => ({ write: { version: 1, key: randomKey }, read: [{ version: 1, key: randomKey }] }),
  });
  const randomKey = randomBytes(32);
  const cipher = new FieldCipher(keyring);
  const doc = {
    history: [
      { direction: 'inbound', type: 'readmission.application.submitted.v1', payload: application },
      { direction: 'outbound', payload: { caseNumber: 'RA-2026-000001' } },
    ],
    searchKeys: searchKeys(application.person),
  };
  const events = [
    {
      topic: 'readmission.partner.de.outbound.v1',
      key: 'x',
      value: JSON.stringify({ caseNumber: 'RA-2026-000001', receivedAt: new Date() }),
      headers: {},
    },
    {
      topic: 'readmission.internal.case-registered.v1',
      key: 'x',
      value: JSON.stringify({ caseNumber: 'RA-2026-000001', application }),
      headers: {},
    },
  ];
  const protection = { encrypt: ['history.payload'], blind: ['searchKeys'] };
  const once = async () => {
    await cipher.protect(doc, protection);
    await cipher.sealRecords(events);
  };
  for (let i = 0; i < 500; i++) await once(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await once();
  const perWrite = ((performance.now() - start) / iterations) * 1000;
  const open = performance.now();
  const sealed = await cipher.protect(doc, protection);
  for (let i = 0; i < iterations; i++) await cipher.reveal(sealed, protection);
  const perRead = ((performance.now() - open) / iterations) * 1000;
  console.log(
    `encryption per registered application: ${perWrite.toFixed(0)} µs to seal and blind (${doc.searchKeys.length} search keys, 2 outbox events), ${perRead.toFixed(0)} µs to open a case's history (${iterations} iterations)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
