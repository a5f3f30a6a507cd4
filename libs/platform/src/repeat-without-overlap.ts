/**
 * Runs `job` every `everyMs`, skipping a tick while the previous run is still going. A sweep or a recount that
 * scans the store can take longer than its interval when the store is slow or the data has grown (on FerretDB,
 * which filters few queries in the database, a scan of 3,000 accepted cases took a minute under load); started
 * again on every tick, the scans piled up and slowed the store further until the service stalled.
 * With `startNow`, the first run starts at once (under the same rule). The timer does not keep the process alive.
 */
export function repeatWithoutOverlap(job: () => Promise<unknown>, everyMs: number, startNow = false): NodeJS.Timeout {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= job()
      .catch(() => undefined) // the job reports its own failures
      .finally(() => (running = undefined));
  };
  if (startNow) tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return timer;
}
