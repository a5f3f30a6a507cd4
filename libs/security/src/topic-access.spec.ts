import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { REFERENCE_DATA_TOPIC } from '@readmission/contracts';
import { SERVICE_TOPIC_ACCESS, SERVICES } from './topic-access';

/**
 * The table the ACLs come from, checked against the services' code: the internal topics their Kafka handlers
 * consume (@EventPattern) and the internal events their code encodes (encodeInternalEvent). A service that starts
 * consuming or producing another internal topic fails here until the table (and so the broker's ACLs) says so.
 */
const SERVICES_DIR = join(__dirname, '..', '..', '..', 'services');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(name) ? [path] : [];
  });
}

function internalTopicsIn(service: string) {
  const files = sources(join(SERVICES_DIR, service, 'src')).map((f) => readFileSync(f, 'utf8'));
  const consumed = new Set<string>();
  const produced = new Set<string>();
  for (const text of files) {
    if (text.includes('@EventPattern')) {
      for (const m of text.matchAll(/'(readmission\.internal\.[a-z0-9.-]+\.v1)'/g)) consumed.add(m[1]);
    }
    for (const m of text.matchAll(/encodeInternalEvent\(\s*'(readmission\.internal\.[a-z0-9.-]+\.v1)'/g)) produced.add(m[1]);
    if (/ReferenceDataModule\.forFeature\(/.test(text)) consumed.add(REFERENCE_DATA_TOPIC);
    if (/ReferenceDataModule\.forLoading\(/.test(text)) produced.add(REFERENCE_DATA_TOPIC);
  }
  return { consumed: [...consumed].sort(), produced: [...produced].sort() };
}

const internalOf = (refs: string[]) => refs.filter((r) => r.startsWith('readmission.internal.')).sort();

describe('SERVICE_TOPIC_ACCESS', () => {
  it.each(SERVICES)('matches what %s consumes and produces', (service) => {
    const found = internalTopicsIn(service);
    expect({
      consumed: internalOf(SERVICE_TOPIC_ACCESS[service].reads),
      produced: internalOf(SERVICE_TOPIC_ACCESS[service].writes),
    }).toEqual(found);
  });

  it('lets only intake touch partner topics', () => {
    for (const s of SERVICES.filter((s) => s !== 'intake')) {
      expect([...SERVICE_TOPIC_ACCESS[s].reads, ...SERVICE_TOPIC_ACCESS[s].writes].filter((r) => r.startsWith('partner-'))).toEqual([]);
    }
  });
});
