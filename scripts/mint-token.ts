// Mints a development token: npm run -s token -- officer [subject]. Signed with the local key in
// .local/auth/dev-key.json (created on first use, git-ignored); services accept it when AUTH_DEV_KEY_FILE points there.
import { join } from 'path';
import { ROLES, Role, mintDevToken } from '@readmission/auth';

const [role, subject = `dev-${process.argv[2]}`] = process.argv.slice(2);
if (!(ROLES as readonly string[]).includes(role)) {
  console.error(`usage: npm run -s token -- <${ROLES.join('|')}> [subject]`);
  process.exit(2);
}
const keyFile = process.env.AUTH_DEV_KEY_FILE ?? join(__dirname, '..', '.local', 'auth', 'dev-key.json');
mintDevToken(keyFile, { subject, roles: [role as Role] }).then((token) => console.log(token));
