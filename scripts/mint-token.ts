// Mints a development token: npm run -s token -- <role> [subject] [claims]. Signed with the local key in
// .local/auth/dev-key.json (created on first use, git-ignored); services accept it when AUTH_DEV_KEY_FILE points there.
// The token carries the development claims (devTokenClaims: a border officer at every shipped crossing point, a case
// worker in the development team and its lead); a third argument replaces them: `crossing_points=GYD,AST` or `teams=north`.
import { join } from 'path';
import { SHIPPED_CROSSING_POINTS } from '@readmission/agreements';
import { ROLES, Role, devTokenClaims, mintDevToken } from '@readmission/auth';

const [role, subject = `dev-${process.argv[2]}`, claim] = process.argv.slice(2);
const [claimName, claimValue = ''] = (claim ?? '').split('=');
if (!(ROLES as readonly string[]).includes(role) || (claim && !['crossing_points', 'teams'].includes(claimName))) {
  console.error(`usage: npm run -s token -- <${ROLES.join('|')}> [subject] [crossing_points=GYD,AST | teams=north]`);
  process.exit(2);
}
const claims = devTokenClaims(
  role as Role,
  subject,
  SHIPPED_CROSSING_POINTS[0].points.map((p) => p.code),
);
const values = claimValue.split(',').filter(Boolean);
if (claimName === 'crossing_points') claims.crossingPoints = values;
if (claimName === 'teams') claims.teams = values;
const keyFile = process.env.AUTH_DEV_KEY_FILE ?? join(__dirname, '..', '.local', 'auth', 'dev-key.json');
mintDevToken(keyFile, claims).then((token) => console.log(token));
