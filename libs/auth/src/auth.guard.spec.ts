import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEV_ISSUER, loadOrCreateDevKey } from './auth-settings';
import { AuthGuard } from './auth.guard';
import { AuthModule } from './auth.module';
import { CurrentCaller } from './caller.decorator';
import { Caller, Public, Role, Roles } from './roles';
import { mintDevToken } from './tokens';

// The guard as services use it: a global guard installed by AuthModule, in front of a tiny HTTP app.
@Controller('cases')
class CasesController {
  @Get('open')
  @Roles('officer', 'case-worker')
  list(@CurrentCaller() caller: Caller) {
    return { caller };
  }

  @Post('open')
  @Roles('officer', 'case-worker')
  change() {
    return { changed: true };
  }

  @Get('closed') // neither @Roles nor @Public: nobody may call it
  closed() {
    return { reached: true };
  }
}

@Controller()
@Roles('admin')
class AdminController {
  @Get('health')
  @Public()
  health() {
    return { status: 'ok' };
  }

  @Get('admin/settings')
  settings(@CurrentCaller() caller: Caller) {
    return { subject: caller.subject };
  }

  @Get('admin/report')
  @Roles('auditor')
  report() {
    return { report: true };
  }
}

describe('AuthGuard', () => {
  let dir: string;
  let keyFile: string;
  let app: INestApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auth-guard-'));
    keyFile = join(dir, 'dev-key.json');
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, devKeyFile: keyFile })],
      controllers: [CasesController, AdminController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = (roles: Role[], extra: { ttl?: string; audience?: string } = {}) =>
    mintDevToken(keyFile, { subject: 'user-1', roles, name: 'Test User', ...extra });
  const get = (path: string, bearer?: string) => {
    const req = request(app.getHttpServer()).get(path);
    return bearer === undefined ? req : req.set('Authorization', `Bearer ${bearer}`);
  };

  describe('without a valid token: 401', () => {
    it('refuses a request without a token', async () => {
      const res = await get('/cases/open').expect(401);
      expect(res.body.message).toBe('a bearer token is required');
    });

    it('refuses another authorization scheme, or an empty bearer token', async () => {
      await request(app.getHttpServer())
        .get('/cases/open')
        .set('Authorization', `Basic ${Buffer.from('user:pw').toString('base64')}`)
        .expect(401);
      await request(app.getHttpServer()).get('/cases/open').set('Authorization', 'Bearer').expect(401);
      await request(app.getHttpServer()).get('/cases/open').set('Authorization', 'Bearer ').expect(401);
    });

    it('refuses a token signed with another key, and says why', async () => {
      const forged = await mintDevToken(join(dir, 'attacker-key.json'), { subject: 'intruder', roles: ['officer'] });
      const res = await get('/cases/open', forged).expect(401);
      expect(res.body.message).toMatch(/^invalid token: signature verification failed/);
    });

    it('refuses an expired token, and one for another audience', async () => {
      expect((await get('/cases/open', await token(['officer'], { ttl: '-5 minutes' })).expect(401)).body.message).toMatch(
        /invalid token: .*"exp"/,
      );
      expect((await get('/cases/open', await token(['officer'], { audience: 'elsewhere' })).expect(401)).body.message).toMatch(
        /invalid token: .*"aud"/,
      );
    });

    /** A token signed with the development key, with claims mintDevToken would not produce. */
    const handMade = (claims: Record<string, unknown>) =>
      new SignJWT({ roles: ['officer'], ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(Buffer.from(loadOrCreateDevKey(keyFile).secret, 'base64url'));
    const now = () => Math.floor(Date.now() / 1000);
    const valid = () => ({ sub: 'user-1', iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now(), exp: now() + 600 });

    it('refuses a token without exp, without iss, without aud', async () => {
      const without = (claim: 'exp' | 'iss' | 'aud') => Object.fromEntries(Object.entries(valid()).filter(([name]) => name !== claim));
      const [noExp, noIss, noAud] = [without('exp'), without('iss'), without('aud')];
      expect((await get('/cases/open', await handMade(noExp)).expect(401)).body.message).toBe(
        'invalid token: missing required "exp" claim',
      );
      expect((await get('/cases/open', await handMade(noIss)).expect(401)).body.message).toMatch(/"iss" claim/);
      expect((await get('/cases/open', await handMade(noAud)).expect(401)).body.message).toMatch(/"aud" claim/);
      await get('/cases/open', await handMade(valid())).expect(200); // the same token with all three passes
    });

    it('refuses a token older than the maximum age, though not expired', async () => {
      const res = await get('/cases/open', await handMade({ ...valid(), iat: now() - 13 * 3600, exp: now() + 3600 })).expect(401);
      expect(res.body.message).toMatch(/"iat" claim timestamp check failed \(too far in the past\)/);
    });

    it('refuses an unsigned token (alg none)', async () => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...valid(), roles: ['admin', 'officer'] })}.`;
      await get('/cases/open', unsigned).expect(401);
      await get('/admin/settings', unsigned).expect(401);
    });

    it('refuses a garbled token', async () => {
      await get('/cases/open', 'abc.def.ghi').expect(401);
    });
  });

  describe('with a valid token but not the role: 403', () => {
    it('refuses oversight any change (POST), though it reads everything', async () => {
      await request(app.getHttpServer())
        .post('/cases/open')
        .set('Authorization', `Bearer ${await token(['oversight'])}`)
        .expect(403);
      await request(app.getHttpServer())
        .post('/cases/open')
        .set('Authorization', `Bearer ${await token(['officer'])}`)
        .expect(201);
    });

    it('refuses a caller without any of the endpoint’s roles', async () => {
      const res = await get('/cases/open', await token(['auditor', 'border-officer'])).expect(403);
      expect(res.body.message).toBe('requires one of the roles: officer, case-worker');
    });

    it('refuses a caller whose only roles are unknown to the platform', async () => {
      await get('/cases/open', await token(['superuser'] as unknown as Role[])).expect(403);
    });

    it('refuses everyone, even an admin, on an endpoint with neither @Roles nor @Public', async () => {
      const res = await get('/cases/closed', await token(['admin', 'officer', 'case-worker', 'auditor', 'border-officer'])).expect(403);
      expect(res.body.message).toBe('requires one of the roles: (none: endpoint is closed)');
    });

    it('applies a method’s @Roles instead of its class’s', async () => {
      await get('/admin/report', await token(['admin'])).expect(403);
      await get('/admin/report', await token(['auditor'])).expect(200);
    });
  });

  describe('allowed', () => {
    it('lets a caller with one of the roles through, and hands the handler the verified caller', async () => {
      const res = await get('/cases/open', await token(['case-worker'])).expect(200);
      expect(res.body).toEqual({ caller: { subject: 'user-1', roles: ['case-worker'], name: 'Test User', crossingPoints: [], teams: [] } });
    });

    it('lets oversight read (GET) any endpoint with roles, never a closed one', async () => {
      await get('/cases/open', await token(['oversight'])).expect(200);
      await get('/admin/report', await token(['oversight'])).expect(200);
      await get('/cases/closed', await token(['oversight'])).expect(403);
    });

    it('applies the class’s @Roles to methods without their own', async () => {
      await get('/admin/settings', await token(['officer'])).expect(403);
      expect((await get('/admin/settings', await token(['admin'])).expect(200)).body).toEqual({ subject: 'user-1' });
    });

    it('lets anyone call a @Public endpoint, with no token or a bad one, even in a class that requires a role', async () => {
      expect((await get('/health').expect(200)).body).toEqual({ status: 'ok' });
      await get('/health', 'not-a-token').expect(200);
    });
  });

  it('does not guard what is not an HTTP request (Kafka handlers)', async () => {
    const verify = jest.fn(() => Promise.reject(new Error('must not be asked')));
    const guard = new AuthGuard(new Reflector(), verify);
    const rpc = new ExecutionContextHost([{ value: 'a record' }, {}], CasesController, CasesController.prototype.closed);
    rpc.setType('rpc');
    await expect(guard.canActivate(rpc)).resolves.toBe(true);

    // The same handler as an HTTP request is refused: the pass above is due to the context type alone.
    const http = new ExecutionContextHost([{ headers: {} }, {}], CasesController, CasesController.prototype.closed);
    http.setType('http');
    await expect(guard.canActivate(http)).rejects.toMatchObject({ status: 401 });
    expect(verify).not.toHaveBeenCalled();
  });
});
