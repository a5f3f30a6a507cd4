import { Injectable } from '@nestjs/common';
import { bakuDate, capacityOn } from '@readmission/agreements';
import { Clock } from '@readmission/platform';
import { CapacitySlots } from '../infrastructure/capacity-slots.repository';
import { CrossingPointSource } from './crossing-point-source';

/** The crossing points in effect now, with their capacity and the places booked on a Baku date (today by default). */
@Injectable()
export class ListCrossingPoints {
  constructor(
    private readonly crossingPoints: CrossingPointSource,
    private readonly slots: CapacitySlots,
    private readonly clock: Clock,
  ) {}

  async execute(day?: string) {
    const date = day ?? bakuDate(this.clock.now());
    const { version, data } = await this.crossingPoints.current(this.clock.now());
    return Promise.all(
      data.points.map(async (p) => ({ ...p, date, capacity: capacityOn(data, p.code, date), booked: await this.slots.booked(p.code, date), version })),
    );
  }
}
