import { alertLevel } from './reply-time-limit';
import { alertLevels, nameQueryKeys, personNameKeys, replyDueWindow } from './work-queue';

describe('work queue search', () => {
  it('finds a person by any spelling of any of their names', () => {
    const keys = new Set(personNameKeys({ surname: 'Məmmədov', givenNames: 'Elçin', aliases: ['Mamedov Elchin'] }));
    for (const typed of ['Mammadov', 'MAMEDOV', 'Мамедов', 'elcin', 'Elchin Mammadov']) {
      expect(nameQueryKeys(typed).every((alternatives) => alternatives.some((k) => keys.has(k)))).toBe(true);
    }
    expect(nameQueryKeys('Həsənov').every((alternatives) => alternatives.some((k) => keys.has(k)))).toBe(false);
  });

  it('turns an alert level into the window of reply time limits that show it (the inverse of alertLevel)', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    const points = [72, 24];
    expect(alertLevels(points)).toEqual(['overdue', '24h', '72h', 'none']);
    expect(replyDueWindow('48h', now, points)).toBeUndefined();
    for (const hours of [-5, -0.1, 0, 1, 24, 24.5, 71, 72, 72.5, 200]) {
      const due = new Date(now.getTime() + hours * 3600_000);
      const level = alertLevel(due, now, points);
      const w = replyDueWindow(level, now, points)!;
      const after = !w.from || (w.fromExclusive ? due > w.from : due >= w.from);
      const before = !w.to || (w.toExclusive ? due < w.to : due <= w.to);
      expect([hours, level, after && before]).toEqual([hours, level, true]);
      for (const other of alertLevels(points).filter((l) => l !== level)) {
        const o = replyDueWindow(other, now, points)!;
        const inside =
          (!o.from || (o.fromExclusive ? due > o.from : due >= o.from)) && (!o.to || (o.toExclusive ? due < o.to : due <= o.to));
        expect([hours, other, inside]).toEqual([hours, other, false]);
      }
    }
  });
});
