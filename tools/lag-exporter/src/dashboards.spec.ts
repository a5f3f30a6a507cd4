import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const DASHBOARDS = join(ROOT, 'infra/grafana/dashboards');

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr?: string; datasource?: { uid: string } }[];
  gridPos: { x: number; y: number; w: number; h: number };
}

/** Static lint of the dashboards as code (their queries run against Prometheus in monitoring.int-spec.ts). */
describe.each(readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json')))('dashboard %s', (file) => {
  const dashboard = JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8'));
  const panels: Panel[] = dashboard.panels;

  it('has a stable uid, a title and the datasource variable that provisioning and imports fill', () => {
    expect(dashboard.uid).toMatch(/^readmission-[a-z-]+$/);
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.templating.list.find((v: { type: string }) => v.type === 'datasource')).toMatchObject({
      name: 'datasource',
      query: 'prometheus',
    });
  });

  it('gives every panel a unique id, a description, a Prometheus query per target, all on ${datasource}', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels.filter((p) => p.type !== 'row')) {
      expect({ title: p.title, described: Boolean((p as { description?: string }).description) }).toEqual({
        title: p.title,
        described: true,
      });
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets?.length).toBeGreaterThan(0);
      for (const t of p.targets ?? []) {
        expect(t.expr?.trim()).toBeTruthy();
        expect(t.datasource?.uid).toBe('${datasource}');
      }
    }
  });

  it('lays panels out inside the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`) ? `${p.title} overlaps at ${i},${j}` : '').toBe('');
          cells.add(`${i},${j}`);
        }
    }
  });
});

describe('Grafana provisioning', () => {
  it('provisions Prometheus as the default data source (uid prometheus) and the dashboards folder compose mounts', () => {
    const ds = parse(readFileSync(join(ROOT, 'infra/grafana/provisioning/datasources/prometheus.yml'), 'utf8'));
    expect(ds.datasources).toEqual([
      expect.objectContaining({ type: 'prometheus', uid: 'prometheus', url: 'http://prometheus:9090', isDefault: true }),
      expect.objectContaining({ type: 'alertmanager', uid: 'alertmanager', url: 'http://alertmanager:9093' }),
    ]);
    const providers = parse(readFileSync(join(ROOT, 'infra/grafana/provisioning/dashboards/readmission.yml'), 'utf8'));
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain('./infra/grafana/dashboards:/var/lib/grafana/dashboards:ro');
    expect(compose).toContain('./infra/grafana/provisioning:/etc/grafana/provisioning:ro');
  });
});

describe('monitoring in docker-compose.yml behind a password (issue 14)', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
  const services = compose.services as Record<string, { ports?: unknown[]; environment?: Record<string, string>; secrets?: unknown[] }>;

  it('publishes no port of Prometheus, Alertmanager or the exporters (no authentication of their own)', () => {
    for (const name of ['prometheus', 'alertmanager', 'kafka-exporter', 'mongodb-exporter'])
      expect({ name, ports: services[name].ports ?? [] }).toEqual({ name, ports: [] });
  });

  it('publishes Grafana with its admin password from a secret file and no anonymous access', () => {
    const grafana = services.grafana;
    expect(grafana.environment).toMatchObject({
      GF_SECURITY_ADMIN_PASSWORD__FILE: '/run/secrets/grafana-admin-password',
      GF_AUTH_ANONYMOUS_ENABLED: 'false',
    });
    expect(grafana.environment).not.toHaveProperty('GF_SECURITY_ADMIN_PASSWORD');
    expect(grafana.secrets).toContain('grafana-admin-password');
    expect(compose.secrets['grafana-admin-password'].file).toMatch(/\/grafana\/admin$/);
  });

  it('gives every service and the tools container the DLQ replay key from its secret file', () => {
    for (const name of ['intake', 'verification', 'transfer', 'reintegration', 'kafka-setup'])
      expect(services[name].secrets).toContain('dlq-replay-key');
    expect(compose.secrets['dlq-replay-key'].file).toMatch(/\/dlq-replay-key$/);
    expect(JSON.stringify(services.intake)).toContain('DLQ_REPLAY_KEY=\\"$$(cat /run/secrets/dlq-replay-key)\\"');
  });
});
