import type { IncomingMessage } from 'http';
import { Params } from 'nestjs-pino';
import pino, { DestinationStream, Level } from 'pino';
import { SpanKind } from '@opentelemetry/api';
import { currentLogFields, extractTraceContext, inSpan } from '@readmission/messaging';
import { LogLevelSetting } from './settings/platform-settings';

/** LOG_LEVEL (Nest's level names) as pino's. */
const PINO_LEVEL: Record<LogLevelSetting, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * The service's logger: one JSON object per line with `time`, `level`, `service`, `message`, the Nest `context`, and
 * where known `caseNumber`, `topic`, `partition`, `offset`, `traceId` and `spanId` (from the record or request being
 * handled). Identifiers only: request logs carry the method, the path without its query (a name search is personal
 * data) and the status, never headers or bodies.
 */
export function loggerParams(service: string, level: LogLevelSetting, destination?: DestinationStream): Params {
  const logger = pino(
    {
      level: PINO_LEVEL[level],
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => currentLogFields(),
    },
    destination ?? process.stdout, // synchronous for files and pipes on Linux: nothing lost at exit
  );
  return {
    pinoHttp: {
      logger,
      // Probes and scrapes every few seconds would drown the rest.
      autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? '') },
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({
          id: req.id,
          method: req.method,
          path: String(req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/** Express middleware: each HTTP request in a server span, child of the caller's `traceparent` if it sends one. */
export function httpTracing() {
  return (req: IncomingMessage, res: import('http').ServerResponse, next: () => void): void => {
    const path = String(req.url ?? '').split('?')[0];
    void inSpan(
      `${req.method} ${path}`,
      SpanKind.SERVER,
      (span) =>
        new Promise<void>((resolve) => {
          span.setAttributes({ 'http.request.method': req.method ?? '', 'url.path': path });
          res.once('finish', () => {
            span.setAttribute('http.response.status_code', res.statusCode);
            resolve();
          });
          res.once('close', resolve);
          next();
        }),
      extractTraceContext(req.headers),
    );
  };
}
