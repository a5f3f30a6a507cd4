import { Injectable } from '@nestjs/common';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { CapacitySlots } from '../infrastructure/capacity-slots.repository';
import { PersonBookings } from '../infrastructure/person-bookings.repository';

/** Frees a transfer's places at the crossing point and its persons (cancellation, amended notice); harmless when repeated. */
@Injectable()
export class ReleaseBooking {
  constructor(
    private readonly slots: CapacitySlots,
    private readonly cases: AcceptedCases,
    private readonly bookings: PersonBookings,
  ) {}

  async execute(transferId: string): Promise<void> {
    await this.slots.releaseAll(transferId);
    await this.cases.releaseFrom(transferId);
    await this.bookings.releaseAll(transferId);
  }
}
