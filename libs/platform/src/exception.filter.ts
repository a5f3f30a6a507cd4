import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { DomainError, DomainErrorKind } from '@readmission/errors';
import { throwError } from 'rxjs';

/** The HTTP status of each domain error kind: the same in every service. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, HttpStatus>> = {
  'invalid-input': HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'rule-broken': HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

/** The body of a domain error's response. */
export interface DomainErrorBody {
  statusCode: number;
  error: DomainErrorKind;
  message: string;
  details?: unknown;
}

export function domainErrorBody(error: DomainError): DomainErrorBody {
  const body: DomainErrorBody = { statusCode: DOMAIN_ERROR_STATUS[error.kind], error: error.kind, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  return body;
}

/**
 * The one error mapping of every service (registered by startService). Domain errors become 400/404/409/422 with
 * `{statusCode, error: kind, message, details?}`; Nest's HTTP exceptions and unexpected errors get Nest's normal
 * responses (an unexpected error is logged and answered 500). Errors of Kafka handlers are handed back unchanged
 * to KafkaEventServer, which dead-letters domain errors at once. Nest does not apply global filters to a hybrid
 * app's microservice reliably, so Kafka handler classes also carry @UseFilters(PassThroughRpcFilter); this filter
 * covers any rpc error that reaches it.
 */
@Catch()
export class PlatformExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => exception);
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    if (exception instanceof DomainError && host.getType() === 'http' && adapter) {
      const body = domainErrorBody(exception);
      const response: unknown = host.switchToHttp().getResponse();
      if (adapter.isHeadersSent(response)) adapter.end(response);
      else adapter.reply(response, body, body.statusCode);
      return;
    }
    return super.catch(exception, host);
  }
}
