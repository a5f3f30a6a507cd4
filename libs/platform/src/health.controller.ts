import { Controller, Get, Res } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MongooseHealthIndicator } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Connection } from 'mongoose';
import { register, collectDefaultMetrics } from 'prom-client';
import { Public } from '@readmission/auth';
import { EventPublisher } from '@readmission/messaging';
import { ApiNoDomainErrors } from './openapi-errors';

collectDefaultMetrics();

/** How long a readiness check waits for the broker or the store. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Health for the orchestrator and the monitoring, open without a token:
 * - `GET /health/live` (liveness): the process answers HTTP; checks nothing else, so that a broker or store outage
 *   never gets healthy processes restarted.
 * - `GET /health/ready` (readiness) and `GET /health` (the same, for the launchers and scripts that poll it): the
 *   broker and the store answer, over the connections the service already has (the publisher's one admin client,
 *   the mongoose connection); 503 when either does not.
 * - `GET /metrics`: Prometheus text.
 */
@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly publisher: EventPublisher,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  @Get('health/live')
  @Public()
  @ApiNoDomainErrors()
  @ApiOperation({ summary: 'Liveness: the process answers. Checks neither broker nor store.' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get(['health', 'health/ready'])
  @Public()
  @ApiNoDomainErrors()
  @ApiOperation({ summary: 'Readiness: broker and store reachable over the existing connections; 503 when either is down.' })
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.kafka(),
      () => this.mongoose.pingCheck('store', { connection: this.connection, timeout: CHECK_TIMEOUT_MS }),
    ]);
  }

  private async kafka() {
    const check = this.indicator.check('kafka');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)),
    );
    try {
      await Promise.race([this.publisher.ping(), timeout]);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  @Get('metrics')
  @Public()
  @ApiNoDomainErrors()
  @ApiOperation({
    summary: 'Prometheus metrics: messages handled, failed and dead-lettered per topic, handler durations, outboxes, business counters.',
  })
  async metrics(@Res() res: Response): Promise<void> {
    res.type(register.contentType).send(await register.metrics());
  }
}
