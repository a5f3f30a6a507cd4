import { FilterQuery, UpdateQuery } from 'mongoose';
import { Projection, Repository, Stored } from '@readmission/persistence';

/** What the overdue sweep and the overdue lists need of an item: its case, due instant and alert mark. */
interface OverdueItem {
  _id: string;
  caseNumber: string;
  dueBy: Date;
  overdueAlerted: boolean;
}

/** A collection whose items fall overdue when still open past `dueBy` (referrals, follow-ups). */
export abstract class OverdueItems<T extends OverdueItem> extends Repository<T> {
  /** The items that are still open (not done, declined, recorded or cancelled). */
  protected abstract readonly open: FilterQuery<T>;

  /** Open items past their due date not alerted yet, oldest first (alerted ones are left out, so that long-overdue ones never crowd out new ones). */
  overdueNotAlerted(now: Date, limit: number, projection: Projection): Promise<Stored<T>[]> {
    const filter = { ...this.open, dueBy: { $lt: now }, overdueAlerted: { $ne: true } } as FilterQuery<T>;
    return this.find(filter, { projection: { _id: 1, caseNumber: 1, dueBy: 1, ...projection }, sort: { dueBy: 1 }, limit });
  }

  /** The cases with an open item past its due date. */
  async casesWithOverdue(now: Date): Promise<string[]> {
    const late = await this.find({ ...this.open, dueBy: { $lt: now } } as FilterQuery<T>, { projection: { caseNumber: 1 } });
    return [...new Set(late.map((item) => item.caseNumber))];
  }

  /** The item's personal fields (retention: erased with its case's personal data). */
  protected abstract readonly personal: readonly string[];

  /** Erases the personal fields of a case's items (retention), keeping what the statistics count (status, dates, score). */
  erasePersonalData(caseNumber: string): Promise<number> {
    return this.updateMany(
      { caseNumber } as FilterQuery<T>,
      { $unset: Object.fromEntries(this.personal.map((f) => [f, ''])) } as UpdateQuery<T>,
    );
  }

  /** Takes the item out of the sweep (once its overdue event ran). */
  markAlerted(id: string): Promise<boolean> {
    return this.update({ _id: id } as FilterQuery<T> & { _id: string }, { $set: { overdueAlerted: true } });
  }
}
