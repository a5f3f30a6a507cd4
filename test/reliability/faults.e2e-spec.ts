import { FaultReport, basePort, runHarness } from './harness';

/**
 * `npm run faults` at a small size: 20 applications (part of them transferred and handed over) while each service
 * is killed with SIGKILL once and started again, the broker is restarted once and the store once. Nothing may be
 * lost or doubled. Needs the broker and the store run by scripts/infra (it restarts them with those scripts).
 */
describe('fault injection: kills, a broker restart and a store restart lose and double nothing', () => {
  it('acknowledges and decides every application once, opens one reintegration case per arrival, leaves nothing pending', async () => {
    const { code, report, output } = await runHarness<FaultReport>('faults', [
      '--count',
      '20',
      '--rate',
      '5',
      '--transfer-share',
      '0.5',
      '--kills',
      '1',
      '--broker-restarts',
      '1',
      '--store-restarts',
      '1',
      '--timeout',
      '420',
      '--base-port',
      await basePort(),
    ]);
    expect({ violations: report.violations, tail: report.violations.length ? output.slice(-3000) : '' }).toEqual({
      violations: [],
      tail: '',
    });
    expect(code).toBe(0);
    expect(report.faults.map((f) => f.what.split(',')[0]).sort()).toEqual([
      'SIGKILL intake',
      'SIGKILL reintegration',
      'SIGKILL transfer',
      'SIGKILL verification',
      'broker restarted',
      'store restarted',
    ]);
    expect(report).toMatchObject({ answered: 20, lost: 0, duplicates: 0, deadLettered: 0, unplannedExits: [] });
    expect(report.store).toMatchObject({ outboxPending: 0, outboxFailed: 0 });
    expect(report.sent.transferNotices).toBeGreaterThan(0);
    expect(report.arrived).toBeGreaterThan(0);
    expect(report.reintegrationCases).toBe(report.arrived);
    expect(report.drainMs).not.toBeNull();
  }, 600_000);
});
