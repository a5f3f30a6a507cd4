import { Test } from '@nestjs/testing';
import { MongooseModule, getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
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

  it('writes a retried action with the same id once', async () => {
    const entry = { actor: 'system' as const, action: 'reply-overdue-escalated', subject: 'RA-2026-000003', id: 'overdue:RA-2026-000003' };
    const wrote = await Promise.all([audit.record(entry), audit.record(entry), audit.record(entry)]);
    expect(await entries.countDocuments({ subject: 'RA-2026-000003' })).toBe(1);
    // Exactly one caller is told it wrote the entry (it counts and logs what follows).
    expect(wrote.filter(Boolean)).toHaveLength(1);
  });
});
