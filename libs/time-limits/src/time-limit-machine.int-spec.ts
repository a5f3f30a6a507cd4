import { randomUUID } from 'crypto';
import { Global, INestApplication, Module } from '@nestjs/common';
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { Connection, Model } from 'mongoose';
import { AuditEntry, AuditEntrySchema, AuditTrail, Clock, ManualClock } from '@readmission/platform';
import { DeadlineEvent } from './deadline-event.schema';
import { TimeLimitMachine } from './time-limit-machine';
import { TimeLimitStep, deadlineEventId } from './time-limit-step';
import { TimeLimitsModule } from './time-limits.module';

/**
 * The time-limit machine on the real store: one event runs once, whoever races for it and wherever a run stops.
 * Each "instance" is a Nest application with its own connection to one database, as two service replicas are.
 */
const database = `it-${randomUUID().slice(0, 8)}-time-limits`;
const LEASE = 60_000;
const clock = new ManualClock(new Date('2026-12-01T10:00:00+04:00'));

@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }])],
  providers: [AuditTrail, { provide: Clock, useValue: clock }],
  exports: [AuditTrail, Clock],
})
class TestPlatformModule {}

async function instance(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(process.env.MONGODB_URI as string, { dbName: database }),
      TestPlatformModule,
      TimeLimitsModule.forFeature({ resumeClaimsAfterMs: LEASE }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication();
  await app.init();
  return app;
}

describe('time-limit machine (real store)', () => {
  let first: INestApplication;
  let second: INestApplication;
  let machine: TimeLimitMachine;
  let events: Model<DeadlineEvent>;
  let db: Connection;
  let n = 0;

  beforeAll(async () => {
    [first, second] = await Promise.all([instance(), instance()]);
    machine = first.get(TimeLimitMachine);
    events = first.get(getModelToken(DeadlineEvent.name));
    db = first.get(getConnectionToken());
  });

  afterAll(async () => {
    await db.dropDatabase();
    await Promise.all([first.close(), second.close()]);
  });

  afterEach(() => jest.restoreAllMocks());

  const cases = () => db.collection<{ _id: string; status: string; history: string[] }>('cases');
  const audits = (id: string) => db.collection('audit-trail').countDocuments({ _id: id as never });

  /** A case awaiting transfer and the step that expires it; `acts` counts calls of act, `counted` of count. */
  async function expiry(over: { fail?: (call: number) => boolean; dueBy?: Date } = {}) {
    const subject = `RA-2026-${String(++n).padStart(6, '0')}`;
    await cases().insertOne({ _id: subject, status: 'awaiting-transfer', history: [] });
    const tally = { acts: 0, counted: 0 };
    const step: TimeLimitStep = {
      subject,
      limit: 'transfer',
      event: 'expired',
      dueBy: over.dueBy ?? new Date('2026-11-30T23:59:59+04:00'),
      act: async () => {
        tally.acts += 1;
        if (over.fail?.(tally.acts)) throw new Error('the process died here');
        // Idempotent: the filter names the state the effect leaves behind.
        await cases().updateOne(
          { _id: subject, status: 'awaiting-transfer' },
          { $set: { status: 'expired' }, $push: { history: 'expired' } },
        );
      },
      audit: { action: 'transfer-time-limit-expired', reason: 'not transferred by 2026-11-30', details: { agreement: 'EU-AZ' } },
      count: () => (tally.counted += 1),
      log: { level: 'error', message: `${subject}: transfer time limit passed: expired` },
    };
    const effects = async () => (await cases().findOne({ _id: subject }))!.history.length;
    const id = deadlineEventId(step);
    /** What a process that died right after claiming the event leaves behind. */
    const lostClaim = () =>
      events.create({
        _id: id,
        subject,
        limit: 'transfer',
        event: 'expired',
        dueBy: step.dueBy,
        state: 'claimed',
        claimedAt: clock.now(),
        attempts: 1,
      });
    return { subject, step, tally, id, effects, lostClaim };
  }

  it('runs an event once: act, audit with the event id, count and log, then done', async () => {
    const { subject, step, tally, id, effects } = await expiry();
    expect(await machine.run(step)).toBe('acted');
    expect(await machine.run(step)).toBe('already-done');
    expect(await second.get(TimeLimitMachine).run(step)).toBe('already-done');
    expect(tally).toEqual({ acts: 1, counted: 1 });
    expect(await effects()).toBe(1);
    expect(id).toBe(`${subject}:expired:2026-11-30T19:59:59.000Z`);
    expect((await first.get(AuditTrail).list({ subject })).find((entry) => entry._id === id)).toMatchObject({
      actor: 'system',
      action: 'transfer-time-limit-expired',
      subject,
      reason: 'not transferred by 2026-11-30',
      details: { agreement: 'EU-AZ' },
    });
    expect(await events.findById(id).lean()).toMatchObject({
      subject,
      limit: 'transfer',
      event: 'expired',
      state: 'done',
      attempts: 1,
      doneAt: clock.now(),
    });
  });

  it('lets two instances racing for the same events act, audit and count each once', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => expiry()));
    const machines = [first.get(TimeLimitMachine), second.get(TimeLimitMachine)];
    const outcomes = await Promise.all(all.flatMap(({ step }) => [...machines, ...machines].map((m) => m.run(step))));
    expect(outcomes.filter((o) => o === 'acted')).toHaveLength(5);
    for (const { tally, id, effects } of all) {
      expect(tally).toEqual({ acts: 1, counted: 1 });
      expect(await effects()).toBe(1);
      expect(await audits(id)).toBe(1);
    }
  });

  it('resumes an event whose act failed after the claim: the next run acts, and the effect, audit and count happen once', async () => {
    const { step, tally, id, effects } = await expiry({ fail: (call) => call === 1 });
    await expect(machine.run(step)).rejects.toThrow('the process died here');
    expect(await events.findById(id).lean()).toMatchObject({ state: 'claimed' });
    expect(await audits(id)).toBe(0);
    // The failed run handed its claim back: the next sweep (another instance here) resumes it at once.
    expect(await second.get(TimeLimitMachine).run(step)).toBe('acted');
    expect(await machine.run(step)).toBe('already-done');
    expect(tally).toEqual({ acts: 2, counted: 1 });
    expect(await effects()).toBe(1);
    expect(await audits(id)).toBe(1);
    expect(await events.findById(id).lean()).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('resumes a claim left by a process that died before acting, once the claim is older than the lease', async () => {
    const { step, tally, id, effects, lostClaim } = await expiry();
    await lostClaim();
    clock.advance(LEASE - 1000);
    expect(await machine.run(step)).toBe('in-progress');
    expect(tally.acts).toBe(0);
    clock.advance(1000);
    expect(await machine.run(step)).toBe('acted');
    expect(await machine.run(step)).toBe('already-done');
    expect(tally).toEqual({ acts: 1, counted: 1 });
    expect(await effects()).toBe(1);
    expect(await audits(id)).toBe(1);
  });

  it('lets two instances resuming the same lost claim audit and count it once', async () => {
    const { step, tally, id, lostClaim } = await expiry();
    await lostClaim();
    clock.advance(LEASE);
    const outcomes = await Promise.all(
      [machine, second.get(TimeLimitMachine), machine, second.get(TimeLimitMachine)].map((m) => m.run(step)),
    );
    expect(outcomes.filter((o) => o === 'acted')).toHaveLength(1);
    // FerretDB 1.x may let both take the lost claim over (then both act: acts are idempotent); the rest happens once.
    expect(tally.counted).toBe(1);
    expect(await audits(id)).toBe(1);
    expect(await events.findById(id).lean()).toMatchObject({ state: 'done' });
  });

  it('resumes an event that stopped after its act, before the audit: acted again without a second effect, audited and counted once', async () => {
    const { step, tally, id, effects } = await expiry();
    const audit = first.get(AuditTrail);
    jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('the process died here'));
    await expect(machine.run(step)).rejects.toThrow('the process died here');
    expect(await effects()).toBe(1);
    expect(await machine.run(step)).toBe('acted');
    expect(tally).toEqual({ acts: 2, counted: 1 });
    expect(await effects()).toBe(1);
    expect(await audits(id)).toBe(1);
  });

  it('resumes an event that stopped after its audit, before done: nothing doubled, not counted twice', async () => {
    const { step, tally, id, effects } = await expiry();
    const done = jest
      .spyOn(events, 'updateOne')
      .mockImplementationOnce(() => ({ exec: () => Promise.reject(new Error('the process died here')) }) as never);
    await expect(machine.run(step)).rejects.toThrow('the process died here');
    done.mockRestore();
    expect(await events.findById(id).lean()).toMatchObject({ state: 'claimed' });
    expect(tally).toEqual({ acts: 1, counted: 1 });
    // The resumed run finds the audit written: the run that wrote it counted and logged.
    expect(await machine.run(step)).toBe('already-done');
    expect(tally).toEqual({ acts: 2, counted: 1 });
    expect(await effects()).toBe(1);
    expect(await audits(id)).toBe(1);
    expect(await events.findById(id).lean()).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('treats a new due instant (an extension) as a new event', async () => {
    const { subject, step, tally } = await expiry();
    const alert = (dueBy: Date): TimeLimitStep => ({
      ...step,
      event: 'alert-3d',
      dueBy,
      act: async () => void (await cases().updateOne({ _id: subject }, { $addToSet: { history: `alert:${dueBy.toISOString()}` } })),
    });
    const extended = new Date('2026-12-30T23:59:59+04:00');
    expect(await machine.run(alert(step.dueBy))).toBe('acted');
    expect(await machine.run(alert(step.dueBy))).toBe('already-done');
    expect(await machine.run(alert(extended))).toBe('acted');
    expect(tally.counted).toBe(2);
    expect(await events.countDocuments({ subject, event: 'alert-3d' })).toBe(2);
    expect(await db.collection('audit-trail').countDocuments({ subject, action: 'transfer-time-limit-expired' })).toBe(2);
  });

  it('takes a claim of the sweeps before this machine (no state) as done', async () => {
    const { subject, step, tally, id } = await expiry();
    await db.collection('deadline-events').insertOne({ _id: id as never, caseNumber: subject, event: 'expired', at: new Date() });
    expect(await machine.run(step)).toBe('already-done');
    expect(tally).toEqual({ acts: 0, counted: 0 });
  });
});
