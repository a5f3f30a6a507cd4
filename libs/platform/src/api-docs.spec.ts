import { Controller, Get, INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { AuthModule, Public, mintDevToken } from '@readmission/auth';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { mountApiDocs } from './api-docs';
import { loadSettings } from './settings/load-settings';
import { authSettingsFrom } from './settings/platform-options';
import { PlatformSettings } from './settings/platform-settings';

@Controller('health')
class HealthController {
  @Get() @Public() health() {
    return { status: 'ok' };
  }
}

describe('the OpenAPI documents (/docs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-docs-'));
  const keyFile = join(dir, 'dev-key.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function appWith(env: Record<string, string>): Promise<INestApplication> {
    const settings = loadSettings(PlatformSettings, { AUTH_DEV_KEY_FILE: keyFile, ...env });
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(authSettingsFrom(settings))],
      controllers: [HealthController],
      providers: [{ provide: PlatformSettings, useValue: settings }],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    mountApiDocs(app, () => SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('t').build()));
    await app.init();
    return app;
  }

  it('are behind sign-in by default in production mode, public by default in development', () => {
    const production = Object.assign(new PlatformSettings(), { PLATFORM_MODE: 'production' });
    expect(production.apiDocsAccess()).toBe('signed-in');
    expect(new PlatformSettings().apiDocsAccess()).toBe('public');
    expect(Object.assign(new PlatformSettings(), { PLATFORM_MODE: 'production', API_DOCS: 'off' }).apiDocsAccess()).toBe('off');
  });

  it('behind sign-in: refused without a token, with an expired or foreign token; served with a valid one', async () => {
    const app = await appWith({ API_DOCS: 'signed-in' });
    try {
      const server = app.getHttpServer();
      for (const path of ['/docs', '/docs/openapi.json', '/docs/openapi.yaml']) {
        const res = await request(server).get(path).expect(401);
        expect(res.body.message).toBe('a bearer token is required');
      }
      const expired = await mintDevToken(keyFile, { subject: 'u', roles: ['auditor'], ttl: '-5 minutes' });
      expect((await request(server).get('/docs/openapi.json').set('Authorization', `Bearer ${expired}`).expect(401)).body.message).toMatch(
        /"exp"/,
      );
      const foreign = await mintDevToken(join(dir, 'other-key.json'), { subject: 'u', roles: ['auditor'] });
      await request(server).get('/docs/openapi.json').set('Authorization', `Bearer ${foreign}`).expect(401);
      const valid = await mintDevToken(keyFile, { subject: 'u', roles: ['auditor'] });
      const res = await request(server).get('/docs/openapi.json').set('Authorization', `Bearer ${valid}`).expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      await request(server).get('/health').expect(200); // the rest of the API is not affected
    } finally {
      await app.close();
    }
  });

  it('public in development; absent when off', async () => {
    const open = await appWith({});
    await request(open.getHttpServer()).get('/docs/openapi.json').expect(200);
    await open.close();
    const off = await appWith({ API_DOCS: 'off' });
    await request(off.getHttpServer()).get('/docs/openapi.json').expect(404);
    await request(off.getHttpServer()).get('/docs').expect(404);
    await off.close();
  });
});
