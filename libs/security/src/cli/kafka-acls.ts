import { parsePartnerList } from '@readmission/agreements';
import { applyAll } from '../apply-acls';
import { adminKafka, credentialsDir } from './admin-connection';

/**
 * `npm run kafka:acls`: every topic, every principal (each partner of PARTNERS, default the shipped rulebook's, and
 * each partner already on the broker; each service; monitoring) with its SCRAM credential and exactly its ACLs.
 * Idempotent. Passwords: files in KAFKA_CREDENTIALS_DIR (created when missing, never printed).
 */
async function main() {
  const dir = credentialsDir();
  const report = await applyAll(adminKafka(), parsePartnerList(process.env.PARTNERS), dir);
  console.log(`ACLs applied: ${report.created} created, ${report.deleted} removed; ${report.users.length} users (passwords in ${dir})`);
}

main().catch((error: Error) => {
  console.error(`kafka:acls failed: ${error.message}`);
  process.exit(1);
});
