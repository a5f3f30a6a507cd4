import { AsyncLocalStorage } from 'async_hooks';
import { trace } from '@opentelemetry/api';

/** What a log line says about the work it belongs to: identifiers only, never personal data. */
export interface LogFields {
  caseNumber?: string;
  topic?: string;
  partition?: number;
  offset?: string;
}

const store = new AsyncLocalStorage<LogFields>();

/** Runs `work` with these fields added to every line it logs (the platform's logger reads them). */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return store.run({ ...store.getStore(), ...defined }, work);
}

/** Adds fields to the current work's log context once they are known (e.g. the case number just assigned). */
export function annotateLog(fields: LogFields): void {
  const current = store.getStore();
  if (current) Object.assign(current, fields);
}

/** The fields of the current work, with the active span's trace and span ids. */
export function currentLogFields(): LogFields & { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  const ids = span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
  return { ...store.getStore(), ...ids };
}
