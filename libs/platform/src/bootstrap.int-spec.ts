import { Body, Controller, Get, Logger, Module, NotFoundException, Post } from '@nestjs/common';
import { InjectConnection, getConnectionToken } from '@nestjs/mongoose';
import { IsString } from 'class-validator';
import { Connection } from 'mongoose';
import { randomUUID } from 'crypto';
import { Public } from '@readmission/auth';
import { ConflictError, InvalidInputError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { EventPublisher } from '@readmission/messaging';
import { OUTBOX_RELAY_TIMING } from '@readmission/persistence';
import { RunningService, startService } from './bootstrap';
import { PlatformModule } from './platform.module';
import { IsMilliseconds } from './settings/decorators';
import { platformOptions } from './settings/platform-options';
import { PlatformSettings } from './settings/platform-settings';
import { settingsForTest } from './settings/settings-for-test';

class ExampleSettings extends PlatformSettings {
  override PORT = 0;
  @IsMilliseconds() EXAMPLE_TIMEOUT_MS = 1000;
}

class NameInput {
  @IsString() name!: string;
}

@Public()
@Controller('example')
class ExampleController {
  private readonly logger = new Logger('example');
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @Get('missing') missing() {
    throw new NotFoundError('case RA-2026-000001 not found');
  }
  @Get('decided') decided() {
    throw new ConflictError('case RA-2026-000001 is already decided', { status: 'accepted' });
  }
  @Get('closed') closed() {
    throw new RuleBrokenError('crossing point GYP is closed on 2026-12-01');
  }
  @Get('malformed') malformed() {
    throw new InvalidInputError('invalid notice', [{ path: 'persons[0].caseNumber', message: 'unknown case' }]);
  }
  @Get('nest-not-found') nestNotFound() {
    throw new NotFoundException('no such thing');
  }
  @Get('unexpected') unexpected() {
    throw new Error('store exploded');
  }
  @Post('names') names(@Body() input: NameInput) {
    return { name: input.name };
  }
  @Post('notes') async note(@Body() input: NameInput) {
    await this.connection.collection('example-notes').insertOne({ name: input.name });
    return (await this.connection.collection('example-notes').countDocuments({ name: input.name })) > 0 ? {} : { missing: true };
  }
  @Get('log') log() {
    this.logger.log('log-level-line');
    this.logger.warn('warn-level-line');
    this.logger.debug('debug-level-line');
    return {};
  }
}

describe('startService: error mapping, OpenAPI, settings and LOG_LEVEL (real broker and store)', () => {
  const run = randomUUID().slice(0, 8);
  const settings = settingsForTest(ExampleSettings, {
    LOG_LEVEL: 'warn',
    MONGODB_DB: `platform-bootstrap-${run}`,
    OUTBOX_RELAY_INTERVAL_MS: '1234',
    OUTBOX_RELAY_GRACE_MS: '77',
  });
  const platform = platformOptions('example', settings);
  const written: string[] = [];
  let service: RunningService;
  let restore: () => void;

  beforeAll(async () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    restore = () => {
      stdout.mockRestore();
      stderr.mockRestore();
    };
    @Module({ imports: [PlatformModule.forRoot(platform)], controllers: [ExampleController] })
    class ExampleModule {}
    service = await startService({
      name: 'example',
      groupId: `test-platform-${run}`,
      title: 'Example',
      description: 'test',
      module: ExampleModule,
      kafka: platform.kafka,
      port: platform.port,
    });
  });

  afterAll(async () => {
    restore?.();
    await service?.stop();
  });

  const get = async (path: string) => {
    const res = await fetch(`${service.url}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it.each([
    ['/example/missing', 404, { statusCode: 404, error: 'not-found', message: 'case RA-2026-000001 not found' }],
    [
      '/example/decided',
      409,
      { statusCode: 409, error: 'conflict', message: 'case RA-2026-000001 is already decided', details: { status: 'accepted' } },
    ],
    ['/example/closed', 422, { statusCode: 422, error: 'rule-broken', message: 'crossing point GYP is closed on 2026-12-01' }],
    [
      '/example/malformed',
      400,
      {
        statusCode: 400,
        error: 'invalid-input',
        message: 'invalid notice',
        details: [{ path: 'persons[0].caseNumber', message: 'unknown case' }],
      },
    ],
  ])('maps the domain error of %s to %i with {statusCode, error: kind, message, details?}', async (path, status, body) => {
    expect(await get(path)).toEqual({ status, body });
  });

  it("leaves Nest's HTTP exceptions, request validation and unexpected errors their normal responses", async () => {
    expect(await get('/example/nest-not-found')).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'no such thing', error: 'Not Found' },
    });
    expect(await get('/example/unexpected')).toEqual({ status: 500, body: { statusCode: 500, message: 'Internal server error' } });
    const res = await fetch(`${service.url}/example/names`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 7 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ statusCode: 400, message: ['name must be a string'], error: 'Bad Request' });
  });

  it('documents the error responses once for every operation, and not for health and metrics', async () => {
    const { body: doc } = await get('/docs/openapi.json');
    const schemas = (doc.components as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas;
    expect(Object.keys(schemas.DomainError.properties)).toEqual(['statusCode', 'error', 'message', 'details']);
    expect(schemas.HttpError).toBeDefined();
    const paths = doc.paths as Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
    >;
    expect(Object.keys(paths['/example/closed'].get.responses).sort()).toEqual(['200', '400', '404', '409', '422']);
    expect(paths['/example/closed'].get.responses['422'].content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/DomainError',
    });
    expect(Object.keys(paths['/example/names'].post.responses)).toEqual(expect.arrayContaining(['400', '404', '409', '422']));
    expect(Object.keys(paths['/health'].get.responses)).not.toContain('422');
    expect(Object.keys(paths['/metrics'].get.responses)).not.toContain('409');
    expect(paths['/health'].get).not.toHaveProperty('x-no-domain-errors');
  });

  it('logs at LOG_LEVEL and above only, from the first line of the start', async () => {
    await get('/example/log');
    const text = written.join('');
    expect(text).toContain('warn-level-line');
    expect(text).not.toContain('log-level-line');
    expect(text).not.toContain('debug-level-line');
    expect(text).not.toContain('dependencies initialized'); // Nest's own start lines are level log
    expect(text).not.toContain('Mapped {');
  });

  it('logs one JSON object per line: time, level, service, message, context, and the trace id of the request', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await fetch(`${service.url}/example/log`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const lines = written
      .join('')
      .split('\n')
      .filter((l) => l.includes('warn-level-line'));
    const last = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    expect(last).toMatchObject({ level: 'warn', service: 'example', message: 'warn-level-line', context: 'example', traceId });
    expect(new Date(last.time as string).toISOString()).toBe(last.time);
  });

  it('answers liveness without checks, and readiness (also at /health) with broker and store over the existing connections', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', info: {} }) });
    for (const path of ['/health/ready', '/health']) {
      const { status, body } = await get(path);
      expect({ status, body }).toMatchObject({
        status: 200,
        body: { status: 'ok', info: { kafka: { status: 'up' }, store: { status: 'up' } } },
      });
    }
    // The publisher keeps one admin client for the broker check instead of opening one per probe.
    const publisher = service.app.get(EventPublisher) as unknown as { admin?: Promise<unknown> };
    const admin = await publisher.admin;
    await get('/health/ready');
    expect(await publisher.admin).toBe(admin);
  });

  it('times every store round trip by collection and command (store_command_duration_seconds), naming no document', async () => {
    const count = async (collection: string, command: string, outcome = 'ok') => {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      const line = text
        .split('\n')
        .find((l) =>
          l.startsWith(`store_command_duration_seconds_count{collection="${collection}",command="${command}",outcome="${outcome}"}`),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await count('example-notes', 'insert');
    const res = await fetch(`${service.url}/example/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Quliyev' }),
    });
    expect(await res.json()).toEqual({});
    expect(await count('example-notes', 'insert')).toBe(before + 1);
    expect(await count('example-notes', 'aggregate')).toBeGreaterThanOrEqual(1); // countDocuments
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/store_command_duration_seconds_sum\{collection="example-notes",command="insert",outcome="ok"\} [0-9.e-]+/);
    expect(text).not.toContain('Quliyev');
    // A write the server refuses (a duplicate key, as the exactly-once inserts meet a repeat) is counted as such.
    const notes = service.app.get<Connection>(getConnectionToken()).collection<{ _id: string }>('example-notes');
    await notes.insertOne({ _id: `same-${run}` });
    await expect(notes.insertOne({ _id: `same-${run}` })).rejects.toThrow(/E11000|duplicate/);
    expect(await count('example-notes', 'insert', 'write-error')).toBe(1);
  });

  it('provides the settings to every module, as PlatformSettings and as the service’s own class, and times the outbox relay by them', () => {
    expect(service.app.get(PlatformSettings)).toBe(settings);
    expect(service.app.get(ExampleSettings)).toBe(settings);
    expect(service.app.get(OUTBOX_RELAY_TIMING)).toEqual({ intervalMs: 1234, pendingGraceMs: 77 });
  });
});
