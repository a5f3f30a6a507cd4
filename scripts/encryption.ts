// Key rotation of the encryption at rest (docs/security.md, "Key rotation"):
//   npm run encryption -- add-key --file <key file> --id <new master key id>   new master key, made current
//   npm run encryption -- reencrypt [--service intake,...]                     re-wrap data keys, re-seal old values
//   npm run encryption -- blind-key add|reindex|retire [--service intake,...]  rotate the blind-index key (docs/security.md)
// `reencrypt` reads MONGODB_URI, MONGODB_DB_PREFIX (readmission) and ENCRYPTION_KEY_FILE (the development key file
// when unset) and may run while the services run: each document is rewritten only if unchanged since it was read.
import mongoose, { Connection, Schema } from 'mongoose';
import { AuditEntrySchema } from '@readmission/platform';
import {
  DEV_KEY_FILE,
  FileKeyProvider,
  addBlindKey,
  addMasterKey,
  blindKeyRefreshMs,
  configureEncryption,
  keyringFor,
  protectionOf,
  reencryptCollection,
  reindexCollection,
  retireBlindKeys,
} from '@readmission/persistence';
// The rotation tool is the one place that must know every service's protected schemas (their own declaration of
// what is sealed), so it reads them from the services rather than keeping a copy that could drift.
/* eslint-disable @nx/enforce-module-boundaries */
import { IntakeCaseSchema } from '../services/intake/src/infrastructure/intake-case.schema';
import { PartnerMessageLogSchema } from '../services/intake/src/infrastructure/partner-message-log.schema';
import { VerificationCaseSchema } from '../services/verification/src/infrastructure/verification-case.schema';
import { RegistryPersonSchema } from '../services/verification/src/infrastructure/registry/registry-person.schema';
import { AcceptedCaseSchema } from '../services/transfer/src/infrastructure/accepted-case.schema';
import { HandoverRecordSchema } from '../services/transfer/src/infrastructure/handover-record.schema';
import { RemedyHoldSchema } from '../services/transfer/src/infrastructure/remedy-hold.schema';
import { ReintegrationCaseSchema } from '../services/reintegration/src/infrastructure/reintegration-case.schema';
import { ReferralSchema } from '../services/reintegration/src/infrastructure/referral.schema';
import { FollowUpSchema } from '../services/reintegration/src/infrastructure/follow-up.schema';
import { OutgoingRequestSchema } from '../services/intake/src/infrastructure/outgoing-request.schema';
import { TransitSchema } from '../services/transfer/src/infrastructure/transit.schema';
import { MistakeReturnSchema } from '../services/transfer/src/infrastructure/mistake-return.schema';
/* eslint-enable @nx/enforce-module-boundaries */

/** Every collection with personal fields, per service database (each also has the audit trail, whose reasons are sealed). */
const PROTECTED: Record<string, Schema[]> = {
  intake: [IntakeCaseSchema, PartnerMessageLogSchema, OutgoingRequestSchema, AuditEntrySchema],
  verification: [VerificationCaseSchema, RegistryPersonSchema, AuditEntrySchema],
  transfer: [AcceptedCaseSchema, HandoverRecordSchema, RemedyHoldSchema, TransitSchema, MistakeReturnSchema, AuditEntrySchema],
  reintegration: [ReintegrationCaseSchema, ReferralSchema, FollowUpSchema, AuditEntrySchema],
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Runs `work` on each chosen service's database (--service, default every one) with the key file's master keys. */
async function eachService(work: (service: string, connection: Connection, schemas: Schema[]) => Promise<void>): Promise<void> {
  configureEncryption(FileKeyProvider.fromFile(process.env.ENCRYPTION_KEY_FILE || DEV_KEY_FILE));
  const services = (option('service') ?? Object.keys(PROTECTED).join(',')).split(',');
  const prefix = process.env.MONGODB_DB_PREFIX || 'readmission';
  for (const service of services) {
    const schemas = PROTECTED[service];
    if (!schemas) throw new Error(`unknown service ${service}`);
    const connection = await mongoose
      .createConnection(process.env.MONGODB_URI || 'mongodb://127.0.0.1:27017', { dbName: `${prefix}-${service}` })
      .asPromise();
    try {
      await work(service, connection, schemas);
    } finally {
      await connection.close();
    }
  }
}

/** Blind-index key rotation: `add` (a new key, used for lookups at once and for new indexes after the refresh time), `reindex`, `retire`. */
async function blindKey(step: string | undefined): Promise<void> {
  const blindSchemas = (schemas: Schema[]) => schemas.filter((s) => (protectionOf(s)?.blind ?? []).length > 0);
  await eachService(async (service, connection, schemas) => {
    if (step === 'add') {
      console.log(`${service}: adding a blind-index key; lookups use it at once, new indexes in ${(2 * blindKeyRefreshMs()) / 1000} s`);
      console.log(`${service}: blind-index key version ${await addBlindKey(connection)} is now the current one; run reindex`);
    } else if (step === 'reindex') {
      for (const schema of blindSchemas(schemas)) {
        const collection = schema.get('collection') as string;
        const r = await reindexCollection(connection, collection, protectionOf(schema)!);
        console.log(`${service}/${collection}: ${r.scanned} read, ${r.reindexed} re-indexed, ${r.skipped} changed meanwhile (run again)`);
      }
    } else if (step === 'retire') {
      const collections = blindSchemas(schemas).map((s) => ({ name: s.get('collection') as string, protection: protectionOf(s)! }));
      const { retired, stale } = await retireBlindKeys(connection, collections);
      if (Object.keys(stale).length > 0) throw new Error(`${service}: old indexes left in ${JSON.stringify(stale)}: run reindex again`);
      console.log(`${service}: blind-index key version(s) ${retired.join(', ') || 'none'} retired`);
    } else throw new Error('usage: npm run encryption -- blind-key add|reindex|retire [--service intake,...]');
  });
}

async function reencrypt(): Promise<void> {
  const keyFile = process.env.ENCRYPTION_KEY_FILE || DEV_KEY_FILE;
  await eachService(async (service, connection, schemas) => {
    for (const schema of schemas) {
      const collection = schema.get('collection') as string;
      const result = await reencryptCollection(connection, collection, protectionOf(schema)!);
      console.log(
        `${service}/${collection}: ${result.scanned} read, ${result.rewritten} re-sealed, ${result.skipped} changed meanwhile (run again)`,
      );
    }
    const rewrapped = await keyringFor(connection).rewrap();
    console.log(`${service}: ${rewrapped.length} data key(s) re-wrapped with master key ${FileKeyProvider.fromFile(keyFile).currentKeyId}`);
  });
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command === 'add-key') {
    const file = option('file');
    const id = option('id');
    if (!file || !id) throw new Error('add-key needs --file <key file> and --id <new master key id>');
    addMasterKey(file, id);
    console.log(`${file}: master key ${id} added and made current; restart the services, then run reencrypt`);
  } else if (command === 'reencrypt') await reencrypt();
  else if (command === 'blind-key') await blindKey(process.argv[3]);
  else
    throw new Error(
      'usage: npm run encryption -- add-key --file <key file> --id <id> | reencrypt | blind-key add|reindex|retire [--service intake,...]',
    );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
