import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError } from 'rxjs';

/**
 * HTTP errors get Nest's normal responses; errors of Kafka handlers are handed back unchanged to
 * KafkaEventServer. Nest does not apply global filters to a hybrid app's microservice reliably, so Kafka handler
 * classes also carry @UseFilters(PassThroughRpcFilter); this filter covers any rpc error that reaches it.
 */
@Catch()
export class PlatformExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
