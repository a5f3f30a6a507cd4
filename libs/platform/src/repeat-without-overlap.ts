/**
 * How long a repeated job rests after a run, as a multiple of that run's duration: a sweep or a recount takes at
 * most a fifth of the time, however slow the store has become.
 */
export const REST_PER_RUN = 4;

/**
 * Runs `job` every `everyMs`, skipping a tick while the previous run is still going, and resting after a slow run
 * for REST_PER_RUN times as long as it took. A sweep or a recount that scans the store can take longer than its
 * interval when the store is slow or the data has grown (on FerretDB, which filters few queries in the database, a
 * scan of 10,000 accepted cases took 35 s under load); started again on every tick, the scans piled up and slowed
 * the store further until the service stalled, and run back to back they would still hold a core of the store for
 * ever. A fast run (the usual case, and every run on MongoDB's indexes) is not held back: it runs on every tick.
 * With `startNow`, the first run starts at once (under the same rules). The timer does not keep the process alive.
 */
export function repeatWithoutOverlap(job: () => Promise<unknown>, everyMs: number, startNow = false): NodeJS.Timeout {
  let running: Promise<unknown> | undefined;
  let notBefore = 0;
  const tick = () => {
    if (running || Date.now() < notBefore) return;
    const started = Date.now();
    running = job()
      .catch(() => undefined) // the job reports its own failures
      .finally(() => {
        const ended = Date.now();
        notBefore = ended + REST_PER_RUN * (ended - started);
        running = undefined;
      });
  };
  if (startNow) tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return timer;
}
