import { Counter, Histogram, register } from 'prom-client';

/** Messaging counters, per topic, on the process-wide Prometheus registry that GET /metrics serves. */
function counter(name: string, help: string): Counter<'topic'> {
  return (register.getSingleMetric(name) as Counter<'topic'>) ?? new Counter({ name, help, labelNames: ['topic'] });
}

export const messagingMetrics = {
  handled: counter('messaging_messages_handled_total', 'Records handled successfully, per topic.'),
  failed: counter('messaging_handler_failures_total', 'Handler attempts that threw, per topic (retried or dead-lettered).'),
  deadLettered: counter('messaging_messages_dead_lettered_total', 'Records sent to the dead-letter topic, per source topic.'),
  storeWaits: counter('messaging_store_waits_total', 'Times a partition was paused because the store was unreachable, per topic.'),
  published: counter('messaging_messages_published_total', 'Records published, per topic.'),
  duration:
    (register.getSingleMetric('messaging_handler_duration_seconds') as Histogram<'topic'>) ??
    new Histogram({
      name: 'messaging_handler_duration_seconds',
      help: 'Time to handle one record, including retries, per topic.',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
};
