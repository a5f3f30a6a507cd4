import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { PersonBooking } from './person-booking.schema';

/** Which transfer each person is booked on, one at most (collection `person-bookings`, _id the case number). */
@Injectable()
export class PersonBookings extends Repository<PersonBooking> {
  constructor(@InjectModel(PersonBooking.name) model: Model<PersonBooking>, relay: OutboxRelay) {
    super(model, relay);
  }

  /**
   * Claims the person for `transferId`: the transfer that holds the person after the call (this one when the claim
   * succeeded or was this transfer's already, another one when it was first).
   */
  async claim(caseNumber: string, transferId: string): Promise<string> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.insertOnce({ _id: caseNumber, transferId })) return transferId;
      const holder = (await this.findById(caseNumber))?.transferId;
      if (holder) return holder; // else the holder let go meanwhile: claim again
    }
    throw new Error(`the booking of ${caseNumber} keeps changing hands`); // transient: the notice is retried
  }

  /** Frees every person a transfer holds (cancellation, amended notice, closing). */
  async releaseAll(transferId: string): Promise<void> {
    await this.model.deleteMany({ transferId }).exec();
  }

  /** Frees one person, if this transfer holds them (no place at the crossing point, acceptance lapsed). */
  async releasePerson(caseNumber: string, transferId: string): Promise<void> {
    await this.model.deleteMany({ _id: caseNumber, transferId }).exec();
  }
}
