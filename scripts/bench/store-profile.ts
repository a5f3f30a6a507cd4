// Where each service's time goes under the benchmark's load, from the services' own /metrics: its store round trips
// (store_command_duration_seconds, timed by the driver) and its handlers (messaging_handler_duration_seconds), read
// once before the load and once after it, so that only the load's part counts. Round trips include the service's
// background work in that time (outbox relay, sweeps, gauge recounts): the cost of the load as a whole, per
// application.
export interface ServiceStoreProfile {
  handled: number;
  handlerSeconds: number;
  roundTrips: number;
  storeSeconds: number;
  /** The collections and commands that took the most store time (`collection.command`), with their round trips. */
  top: { name: string; count: number; seconds: number }[];
}

type Series = Map<string, number>;

/** `name{labels} value` lines of the given series families, keyed by name and labels. */
function parse(text: string, families: string[]): Series {
  const series: Series = new Map();
  for (const line of text.split('\n')) {
    if (!families.some((f) => line.startsWith(f))) continue;
    const space = line.lastIndexOf(' ');
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return series;
}

const FAMILIES = [
  'store_command_duration_seconds_count',
  'store_command_duration_seconds_sum',
  'messaging_handler_duration_seconds_count',
  'messaging_handler_duration_seconds_sum',
];

export async function readProfileSeries(urls: Record<string, string>): Promise<Record<string, Series>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      const text = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) })
        .then((r) => r.text())
        .catch(() => '');
      return [service, parse(text, FAMILIES)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The load's share: the series after it minus before it, summed per service. */
export function storeProfile(before: Record<string, Series>, after: Record<string, Series>): Record<string, ServiceStoreProfile> {
  const out: Record<string, ServiceStoreProfile> = {};
  for (const [service, series] of Object.entries(after)) {
    const delta = (key: string) => (series.get(key) ?? 0) - (before[service]?.get(key) ?? 0);
    const sumOf = (family: string) => [...series.keys()].filter((k) => k.startsWith(`${family}{`)).reduce((s, k) => s + delta(k), 0);
    const byCommand = new Map<string, { count: number; seconds: number }>();
    for (const key of series.keys()) {
      if (!key.startsWith('store_command_duration_seconds_count{')) continue;
      const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(key)?.[1] ?? '?';
      const name = `${label('collection')}.${label('command')}`;
      const entry = byCommand.get(name) ?? { count: 0, seconds: 0 };
      entry.count += delta(key);
      entry.seconds += delta(key.replace('_count{', '_sum{'));
      byCommand.set(name, entry);
    }
    out[service] = {
      handled: sumOf('messaging_handler_duration_seconds_count'),
      handlerSeconds: sumOf('messaging_handler_duration_seconds_sum'),
      roundTrips: sumOf('store_command_duration_seconds_count'),
      storeSeconds: sumOf('store_command_duration_seconds_sum'),
      top: [...byCommand.entries()]
        .map(([name, v]) => ({ name, ...v }))
        .filter((c) => c.count > 0)
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, 5),
    };
  }
  return out;
}
