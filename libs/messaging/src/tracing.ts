import { Context, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, TextMapGetter, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { withLogContext } from './log-context';

/**
 * W3C trace context across Kafka hops (OpenTelemetry). A consumed record's `traceparent` header is the parent of the
 * span that handles it; every record published while a span is active (directly, or queued in an outbox) carries
 * that span's `traceparent`. A record without one starts a new trace. Spans are exported over OTLP only when an
 * endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT); without one they still give every log line its trace id.
 */
const propagator = new W3CTraceContextPropagator();
let provider: TracerProvider | undefined;

export interface TracingOptions {
  /** `service.name` of the exported spans (the first service started in the process names them). */
  service?: string;
  /** OTLP/HTTP endpoint, e.g. http://collector:4318 (spans go to `<endpoint>/v1/traces`). */
  otlpEndpoint?: string;
}

/** Registers the process's tracer provider, context manager and propagation once; later calls change nothing. */
export function startTracing(options: TracingOptions = {}): void {
  if (provider) return;
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service ?? 'readmission' }),
    spanProcessors: endpoint ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }) })] : [],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

/** Exports what is still buffered (on a graceful stop). */
export async function flushTraces(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

const tracer = () => trace.getTracer('@readmission/messaging');

const headerGetter: TextMapGetter<IHeaders | Record<string, unknown>> = {
  keys: (headers) => Object.keys(headers ?? {}),
  get: (headers, key) => {
    const raw = (headers as Record<string, unknown> | undefined)?.[key];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first === undefined || first === null) return undefined;
    return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  },
};

/** The trace context a record's (or an HTTP request's) headers carry; the root context when they carry none. */
export function extractTraceContext(headers: IHeaders | Record<string, unknown> | undefined): Context {
  return propagator.extract(ROOT_CONTEXT, headers ?? {}, headerGetter);
}

/**
 * `headers` with the active span's `traceparent` (and `tracestate`) added, for a record about to be published or
 * queued. Headers that already carry a traceparent keep it: a dead-lettered or repeated record stays in its trace.
 */
export function withTraceContext(headers: Record<string, string>): Record<string, string> {
  if (headers.traceparent) return headers;
  const carrier: Record<string, string> = {};
  propagator.inject(context.active(), carrier, { set: (c, key, value) => (c[key] = value) });
  return carrier.traceparent ? { ...headers, ...carrier } : headers;
}

/** The trace id of a `traceparent` header value (undefined if it is not one). */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent ?? '')?.[1];
}

/**
 * Runs `handle` for one consumed record inside a consumer span (child of the record's traceparent) and with the
 * record's position in the log context, so that every line logged and every record published meanwhile carry them.
 */
export function consumeInSpan<T>(
  record: { topic: string; partition: number; message: KafkaMessage },
  groupId: string,
  handle: () => Promise<T>,
): Promise<T> {
  const parent = extractTraceContext(record.message.headers);
  const span = tracer().startSpan(
    `process ${record.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': record.topic,
        'messaging.destination.partition.id': String(record.partition),
        'messaging.kafka.offset': Number(record.message.offset),
        'messaging.consumer.group.name': groupId,
      },
    },
    parent,
  );
  const fields = {
    topic: record.topic,
    partition: record.partition,
    offset: record.message.offset,
    caseNumber: caseNumberOf(record.message.headers),
  };
  return context.with(trace.setSpan(parent, span), () => withLogContext(fields, () => endWith(span, handle())));
}

/** Runs `work` in a new span (child of the active one, or of `parent`): HTTP requests, sweeps. */
export function inSpan<T>(name: string, kind: SpanKind, work: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> {
  const span = tracer().startSpan(name, { kind }, parent);
  return context.with(trace.setSpan(parent, span), () => endWith(span, work(span)));
}

async function endWith<T>(span: Span, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message?.slice(0, 200) });
    throw error;
  } finally {
    span.end();
  }
}

/** The case number an internal event is about (its CloudEvents subject), when it is one. */
function caseNumberOf(headers: IHeaders | undefined): string | undefined {
  const subject = headerGetter.get(headers ?? {}, 'ce_subject');
  return typeof subject === 'string' && /^RA-\d{4}-\d{6}$/.test(subject) ? subject : undefined;
}
