import { Injectable } from '@nestjs/common';
import { bakuDate, endOfBakuDay } from '@readmission/agreements';
import { Clock } from '@readmission/platform';
import { capacityOn } from '../domain/crossing-points';
import { CapacitySlots } from '../infrastructure/capacity-slots.repository';
import { CrossingPointSource } from './crossing-point-source';

/** The crossing points in force on a Baku date (today by default), with their capacity and the places booked that day. */
@Injectable()
export class ListCrossingPoints {
  constructor(
    private readonly crossingPoints: CrossingPointSource,
    private readonly slots: CapacitySlots,
    private readonly clock: Clock,
  ) {}

  async execute(day?: string) {
    const date = day ?? bakuDate(this.clock.now());
    const table = await this.crossingPoints.current(endOfBakuDay(date));
    return Promise.all(
      Object.entries(table.points).map(async ([code, p]) => ({ code, ...p, date, capacity: capacityOn(table, code, date), booked: await this.slots.booked(code, date), version: table.version })),
    );
  }
}
