/**
 * Small helpers to test dashboards against a real Prometheus: Grafana's template variables replaced by values
 * Prometheus accepts, and the metric names an expression reads (to know which panels must return data).
 */
const GRAFANA_VARIABLES: Record<string, string> = {
  __rate_interval: '1m',
  __interval: '15s',
  __range: '1h',
};

/** `$service`, `${service}`, `$__rate_interval` ... -> `.*` for the dashboard's multi-value variables, or a duration. */
export function substituteVariables(expr: string): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_, braced: string, bare: string) => GRAFANA_VARIABLES[braced ?? bare] ?? '.*');
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** The metric names an expression selects (not functions, keywords, labels or numbers). */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // grouping label lists
    .replace(/\b\d[\w.]*/g, ' '); // numbers and durations (offset 10m)
  const names = new Set<string>();
  for (const match of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

interface DashboardJson {
  title: string;
  panels: { title: string; type: string; targets?: { expr?: string }[]; panels?: DashboardJson['panels'] }[];
  templating?: { list: { name: string; type: string; query?: { query?: string } | string }[] };
}

/** Every panel target's expression, and every query variable's selector (`label_values(<selector>, label)`). */
export function dashboardQueries(dashboard: DashboardJson): PanelQuery[] {
  const queries: PanelQuery[] = [];
  const visit = (panels: DashboardJson['panels']) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) if (t.expr) queries.push({ dashboard: dashboard.title, panel: p.title, expr: t.expr });
      if (p.panels) visit(p.panels);
    }
  };
  visit(dashboard.panels);
  for (const v of dashboard.templating?.list ?? []) {
    if (v.type !== 'query') continue;
    const text = typeof v.query === 'string' ? v.query : (v.query?.query ?? '');
    const selector = /^label_values\((.+),\s*\w+\)$/.exec(text)?.[1];
    if (selector) queries.push({ dashboard: dashboard.title, panel: `variable ${v.name}`, expr: selector });
  }
  return queries;
}
