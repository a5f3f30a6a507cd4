import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { CapacitySlot } from './capacity-slot.schema';

/** The places one notice books at its crossing point on its arrival day. */
export interface CapacityBooking {
  /** The person's place (`<point>:<date>:<n>`): the one the transfer already holds, else the first free one; undefined when full. */
  placeFor(caseNumber: string): Promise<string | undefined>;
}

/** Places at the crossing points per day (collection `capacity-slots`, _id `<point>:<date>:<n>`). */
@Injectable()
export class CapacitySlots extends Repository<CapacitySlot> {
  constructor(@InjectModel(CapacitySlot.name) model: Model<CapacitySlot>, relay: OutboxRelay) {
    super(model, relay);
  }

  async booking(transferId: string, point: string, date: string, capacity: number): Promise<CapacityBooking> {
    // Places this transfer already holds (a redelivery after a crash before the transfer was written): reused.
    const held = new Map((await this.find({ transferId, point, date })).map((s) => [s.caseNumber, s._id]));
    let taken: Set<number> | undefined;
    return {
      placeFor: async (caseNumber) => {
        const place = held.get(caseNumber);
        if (place) return place;
        taken ??= new Set((await this.find({ point, date }, { projection: { n: 1 } })).map((s) => s.n));
        return this.claimFirstFree(point, date, capacity, taken, transferId, caseNumber);
      },
    };
  }

  /** Frees every place a transfer holds (cancellation, amended notice). */
  async releaseAll(transferId: string): Promise<void> {
    await this.model.deleteMany({ transferId }).exec();
  }

  /** Frees one person's place on a transfer (the person's acceptance lapsed). */
  async releasePerson(transferId: string, caseNumber: string): Promise<void> {
    await this.model.deleteMany({ transferId, caseNumber }).exec();
  }

  booked(point: string, date: string): Promise<number> {
    return this.count({ point, date });
  }

  /** Claims the first free place; `taken` holds the numbers known to be taken. Undefined when full. */
  private async claimFirstFree(
    point: string,
    date: string,
    capacity: number,
    taken: Set<number>,
    transferId: string,
    caseNumber: string,
  ): Promise<string | undefined> {
    for (let n = 1; n <= capacity; n++) {
      if (taken.has(n)) continue;
      taken.add(n);
      const _id = `${point}:${date}:${n}`;
      // Taken meanwhile by another notice: try the next place.
      if (await this.insertOnce({ _id, point, date, n, transferId, caseNumber })) return _id;
    }
    return undefined;
  }
}
