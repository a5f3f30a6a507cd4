import { Injectable } from '@nestjs/common';
import { bakuDate, capacityOn, endOfBakuDay } from '@readmission/agreements';
import { Clock } from '@readmission/platform';
import { CapacitySlots } from '../infrastructure/capacity-slots.repository';
import { CrossingPointSource } from './crossing-point-source';

/** The crossing points in effect on a Baku date (today by default), with that day's capacity and the places booked. */
@Injectable()
export class ListCrossingPoints {
  constructor(
    private readonly crossingPoints: CrossingPointSource,
    private readonly slots: CapacitySlots,
    private readonly clock: Clock,
  ) {}

  async execute(day?: string) {
    const date = day ?? bakuDate(this.clock.now());
    const { version, data } = await this.crossingPoints.current(endOfBakuDay(date));
    return Promise.all(
      data.points.map(async (p) => ({
        code: p.code,
        name: p.name,
        mode: p.mode,
        country: p.country,
        dailyCapacity: p.dailyCapacity,
        date,
        capacity: capacityOn(data, p.code, date),
        booked: await this.slots.booked(p.code, date),
        version,
      })),
    );
  }
}
