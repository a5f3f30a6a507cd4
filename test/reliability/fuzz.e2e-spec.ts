import { FuzzReport, basePort, runHarness } from './harness';

/**
 * `npm run fuzz` at a small size: every kind of hostile record once, then random kinds, with valid applications in
 * between. No service crashes; every attributable record is answered with a rejection naming the field, every
 * other one dead-lettered and counted; the valid ones acknowledged; no record retried (no transient failure held a
 * partition), and the longest hold of a partition (from the broker's timestamps of receipt and outcome) is printed.
 */
describe('hostile input: answered or dead-lettered, never a crash, never a blocked partition', () => {
  it('answers, dead-letters and acknowledges as expected', async () => {
    const { code, report, output } = await runHarness<FuzzReport>('fuzz', [
      '--count',
      '40',
      '--seed',
      '13',
      '--timeout',
      '300',
      '--max-hold',
      '60000',
      '--base-port',
      await basePort(),
    ]);
    expect({ problems: report.problems, tail: report.failed ? output.slice(-3000) : '' }).toEqual({ problems: [], tail: '' });
    expect(report.crashed).toEqual([]);
    expect(report.answered.expected).toBeGreaterThan(0);
    expect(report.answered.ok).toBe(report.answered.expected);
    expect(report.deadLettered.expected).toBeGreaterThan(0);
    expect(report.deadLettered.got).toBe(report.deadLettered.expected);
    expect(report.valid.expected).toBeGreaterThan(0);
    expect(report.valid.acknowledged).toBe(report.valid.expected);
    // No partition was held by retries: the only handler failures are the dead-lettered records' (permanent, at
    // once). How long one record's handling takes depends on the machine's load (1-6 s on a loaded 2-CPU machine):
    // the 1 s bound is the benchmark's (`npm run fuzz`, --max-hold 1000), here only a hang is caught.
    // (Plus the copies the publisher itself wrote when it resent a failed batch record by record: keyless copies are
    // dead-lettered too.)
    expect(report.handlerFailures).not.toBeNull();
    expect(report.handlerFailures).toBeLessThanOrEqual(report.deadLettered.got + report.deadLettered.copies);
    expect(report.maxHoldMs).toBeLessThanOrEqual(60_000);
    expect(code).toBe(0);
  }, 420_000);
});
