import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { NotFoundError } from '@readmission/errors';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { TransferStatus, transferIdOf } from '../domain/transfer';
import { Transfer } from './transfer.schema';

/**
 * The filters of TransfersExpectedTodayGauge's count: one equality per status (index arrivalDate, status,
 * borderCrossingPoint; explained in index-backed.int-spec.ts).
 */
export const transfersArrivingOn = (arrivalDate: string) =>
  (['confirmed', 'completed'] as const).map((status) => ({ arrivalDate, status }));

/** The notified transfers (collection `transfers`, _id `<partner>:<transferReference>`). */
@Injectable()
export class Transfers extends Repository<Transfer> {
  constructor(@InjectModel(Transfer.name) model: Model<Transfer>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** The transfer, or NotFoundError. */
  async get(partnerCode: string, transferReference: string): Promise<Stored<Transfer>> {
    const found = await this.findById(transferIdOf(partnerCode, transferReference));
    if (!found) throw new NotFoundError(`no transfer ${transferReference} from ${partnerCode}`);
    return found;
  }

  /** For the transfer list: without history and manifest, earliest arrival first. */
  list(
    filter: { status?: TransferStatus; borderCrossingPoint?: string | string[]; arrivalDate?: string },
    limit: number,
  ): Promise<Stored<Transfer>[]> {
    const query = Object.fromEntries(
      Object.entries(filter)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, Array.isArray(v) ? { $in: v } : v]),
    );
    return this.find(query, { projection: { history: 0, manifest: 0 }, sort: { plannedArrival: 1 }, limit });
  }

  /** The confirmed (or completed) transfers arriving at a point on a Baku date, earliest first. */
  arrivingOn(borderCrossingPoint: string, arrivalDate: string): Promise<Stored<Transfer>[]> {
    return this.find(
      { borderCrossingPoint, arrivalDate, status: { $in: ['confirmed', 'completed'] } },
      { projection: { history: 0 }, sort: { plannedArrival: 1 } },
    );
  }

  /** How many confirmed (or completed) transfers arrive on a Baku date, per crossing point (index arrivalDate, status, borderCrossingPoint). */
  arrivingOnPerPoint(arrivalDate: string): Promise<Map<string, number>> {
    return this.countBy(transfersArrivingOn(arrivalDate), 'borderCrossingPoint');
  }

  /** The border was alerted to close the transfer: it leaves the sweep. */
  async markCloseAlerted(transferId: string): Promise<void> {
    await this.update({ _id: transferId }, { $set: { closeAlerted: true } });
  }

  /** Confirmed transfers planned to arrive before `before` whose border was not yet alerted to close them. */
  unclosedBefore(before: Date, limit: number): Promise<Pick<Transfer, '_id' | 'plannedArrival' | 'borderCrossingPoint'>[]> {
    return this.find(
      { status: 'confirmed', plannedArrival: { $lt: before }, closeAlerted: { $ne: true } },
      { projection: { _id: 1, plannedArrival: 1, borderCrossingPoint: 1 }, sort: { plannedArrival: 1 }, limit },
    );
  }
}
