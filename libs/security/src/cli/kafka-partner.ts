import { addPartner } from '../apply-acls';
import { partnerGroupPrefix, partnerUser } from '../acl-plan';
import { adminKafka, credentialsDir } from './admin-connection';

const USAGE = 'usage: npm run kafka:partner -- add --partner CC';

/**
 * `npm run kafka:partner -- add --partner CC`: a new partner's topics, its principal `partner-cc` with its SCRAM
 * credential (password file in KAFKA_CREDENTIALS_DIR, created when missing, never printed) and its ACLs, and
 * intake's ACLs on its topics. Idempotent.
 */
async function main(args: string[]) {
  const at = args.indexOf('--partner');
  const partner = at >= 0 ? args[at + 1] : undefined;
  if (args[0] !== 'add' || !partner || !/^[A-Za-z]{2}$/.test(partner)) {
    console.error(USAGE);
    process.exit(2);
  }
  const dir = credentialsDir();
  const report = await addPartner(adminKafka(), partner.toUpperCase(), dir);
  console.log(
    `partner ${partner.toUpperCase()}: user ${partnerUser(partner)} (password in ${dir}), consumer groups ${partnerGroupPrefix(partner)}*; ` +
      `${report.created} ACLs created, ${report.deleted} removed`,
  );
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`kafka:partner failed: ${error.message}`);
  process.exit(1);
});
