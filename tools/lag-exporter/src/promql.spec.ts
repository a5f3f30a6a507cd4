import { dashboardQueries, metricNames, substituteVariables } from '@readmission/testing';

describe('promql helpers', () => {
  it('replaces Grafana variables', () => {
    expect(substituteVariables('rate(x{service=~"$service", g=~"${consumergroup}"}[$__rate_interval])')).toBe(
      'rate(x{service=~".*", g=~".*"}[1m])',
    );
  });

  it('finds the metric names an expression reads', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (service, le) (rate(messaging_handler_duration_seconds_bucket{service=~"a"}[5m]))) > 0 and on (topic) kafka_brokers',
      ).sort(),
    ).toEqual(['kafka_brokers', 'messaging_handler_duration_seconds_bucket']);
    expect(metricNames('(kafka_consumergroup_current_offset offset 10m) >= 0')).toEqual(['kafka_consumergroup_current_offset']);
  });

  it('lists panel targets, nested rows and query variables', () => {
    const queries = dashboardQueries({
      title: 'd',
      panels: [{ title: 'row', type: 'row', panels: [{ title: 'p', type: 'timeseries', targets: [{ expr: 'up' }] }] }],
      templating: { list: [{ name: 'g', type: 'query', query: { query: 'label_values(kafka_consumergroup_lag, consumergroup)' } }] },
    });
    expect(queries.map((q) => q.expr)).toEqual(['up', 'kafka_consumergroup_lag']);
  });
});
