import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Connection } from 'mongoose';
import { register, collectDefaultMetrics } from 'prom-client';
import { Public } from '@readmission/auth';
import { EventPublisher } from '@readmission/messaging';
import { ApiNoDomainErrors } from './openapi-errors';

collectDefaultMetrics();

/** GET /health (broker and store) and GET /metrics (Prometheus text): open to the monitoring, no token. */
@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(
    private readonly publisher: EventPublisher,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  @Get('health')
  @Public()
  @ApiNoDomainErrors()
  @ApiOperation({ summary: 'Broker and store reachability; 503 when either is down.' })
  async health(@Res() res: Response): Promise<void> {
    const [kafka, store] = await Promise.all([
      check(() => this.publisher.ping()),
      check(async () => {
        if (!this.connection.db) throw new Error('not connected');
        await this.connection.db.admin().ping();
      }),
    ]);
    const up = kafka.status === 'up' && store.status === 'up';
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: up ? 'up' : 'down', checks: { kafka, store } });
  }

  @Get('metrics')
  @Public()
  @ApiNoDomainErrors()
  @ApiOperation({ summary: 'Prometheus metrics: messages handled, failed and dead-lettered per topic, handler durations.' })
  async metrics(@Res() res: Response): Promise<void> {
    res.type(register.contentType).send(await register.metrics());
  }
}

async function check(probe: () => Promise<void>): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await withTimeout(probe(), 3000);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
