import { Test } from '@nestjs/testing';
import { MongooseModule, getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isSealed } from '@readmission/persistence';
import { Caller } from '@readmission/auth';
import { AuditEntry, AuditEntrySchema, AuditTrail } from './audit/audit-trail';
import { Clock, ManualClock } from './clock';

describe('audit trail (real store)', () => {
  const database = `platform-audit-${Date.now()}`;
  const clock = new ManualClock(new Date('2026-11-24T10:00:00Z'));
  let audit: AuditTrail;
  let entries: Model<AuditEntry>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(process.env.MONGODB_URI as string, { dbName: database }),
        MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
      ],
      providers: [AuditTrail, { provide: Clock, useValue: clock }],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    audit = app.get(AuditTrail);
    entries = app.get(getModelToken(AuditEntry.name));
    close = async () => {
      await entries.db.dropDatabase();
      await app.close();
    };
  });

  afterAll(async () => close());

  it('records who did what, when and why, oldest first per subject', async () => {
    await audit.record({
      actor: { subject: 'officer-7', roles: ['officer'] },
      action: 'decision-overridden',
      subject: 'RA-2026-000001',
      reason: 'interview notes',
      details: { decision: 'accepted' },
    });
    clock.advance(60_000);
    await audit.record({ actor: 'system', action: 'deemed-acceptance', subject: 'RA-2026-000001' });
    await audit.record({ actor: 'system', action: 'deemed-acceptance', subject: 'RA-2026-000002' });
    const trail = await audit.list({ subject: 'RA-2026-000001' });
    expect(trail.map((e) => [e.actor, e.action, e.at.toISOString()])).toEqual([
      ['officer-7', 'decision-overridden', '2026-11-24T10:00:00.000Z'],
      ['system', 'deemed-acceptance', '2026-11-24T10:01:00.000Z'],
    ]);
    expect(trail[0]).toMatchObject({ roles: ['officer'], reason: 'interview notes', details: { decision: 'accepted' } });
  });

  it("keeps the reason (the officer's own words) sealed in the store and opened in what it returns", async () => {
    await audit.record({
      actor: { subject: 'officer-8', roles: ['officer'] },
      action: 'decision-refused',
      subject: 'RA-2026-000020',
      reason: 'registry holds passport C1234567 for Aliyev Rashad',
    });
    const raw = await entries.collection.findOne({ subject: 'RA-2026-000020' });
    expect(isSealed(raw?.reason)).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('Aliyev');
    expect((await audit.list({ subject: 'RA-2026-000020' }))[0].reason).toBe('registry holds passport C1234567 for Aliyev Rashad');
    expect((await audit.search({ subject: 'RA-2026-000020', page: 1, pageSize: 5 })).items[0].reason).toBe(
      'registry holds passport C1234567 for Aliyev Rashad',
    );
  });

  it('writes a retried action with the same id once', async () => {
    const entry = { actor: 'system' as const, action: 'reply-overdue-escalated', subject: 'RA-2026-000003', id: 'overdue:RA-2026-000003' };
    const wrote = await Promise.all([audit.record(entry), audit.record(entry), audit.record(entry)]);
    expect(await entries.countDocuments({ subject: 'RA-2026-000003' })).toBe(1);
    // Exactly one caller is told it wrote the entry (it counts and logs what follows).
    expect(wrote.filter(Boolean)).toHaveLength(1);
  });

  it('is searched by case, officer and time, newest first, a page at a time with the total', async () => {
    const officer: Caller = { subject: 'officer-search', roles: ['officer'] };
    clock.set(new Date('2026-11-25T08:00:00Z'));
    for (let i = 0; i < 5; i++) {
      await audit.record({ actor: officer, action: `step-${i}`, subject: i < 3 ? 'RA-2026-000010' : 'RA-2026-000011' });
      clock.advance(3600_000);
    }
    const page1 = await audit.search({ actor: 'officer-search', page: 1, pageSize: 2 });
    expect(page1.total).toBe(5);
    expect(page1.items.map((e) => e.action)).toEqual(['step-4', 'step-3']);
    const page3 = await audit.search({ actor: 'officer-search', page: 3, pageSize: 2 });
    expect(page3.items.map((e) => e.action)).toEqual(['step-0']);
    const window = await audit.search({
      actor: 'officer-search',
      from: '2026-11-25T09:00:00Z',
      to: '2026-11-25T11:00:00Z',
      page: 1,
      pageSize: 50,
    });
    expect(window.items.map((e) => e.action)).toEqual(['step-2', 'step-1']);
    const ofCase = await audit.search({ subject: 'RA-2026-000011', actor: 'officer-search', page: 1, pageSize: 50 });
    expect(ofCase).toMatchObject({ total: 2, page: 1, pageSize: 50 });
  });
});
