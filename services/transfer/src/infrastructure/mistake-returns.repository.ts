import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { MistakeStatus } from '../domain/readmission-by-mistake';
import { MistakeReturn } from './mistake-return.schema';

/** Requests for readmission by mistake (collection `mistake-returns`, _id the case number). */
@Injectable()
export class MistakeReturns extends Repository<MistakeReturn> {
  constructor(@InjectModel(MistakeReturn.name) model: Model<MistakeReturn>, relay: OutboxRelay) {
    super(model, relay);
  }

  list(status: MistakeStatus | undefined, limit: number): Promise<Stored<MistakeReturn>[]> {
    return this.find(status ? { status } : {}, { sort: { requestedAt: -1 }, limit });
  }
}
