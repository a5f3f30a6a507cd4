import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DecodedMessage, PersonArrivedV1 } from '@readmission/contracts';
import { isDuplicateKeyError } from '@readmission/persistence';
import { Clock } from '@readmission/platform';
import { ReintegrationCase } from './reintegration-case.schema';

@Injectable()
export class ReintegrationService {
  private readonly logger = new Logger(ReintegrationService.name);

  constructor(
    @InjectModel(ReintegrationCase.name) private readonly cases: Model<ReintegrationCase>,
    private readonly clock: Clock,
  ) {}

  /** Opens a support case for an arrived national, once; third-country nationals and stateless persons get none. */
  async onPersonArrived({ payload: p }: DecodedMessage<PersonArrivedV1>): Promise<void> {
    if (p.category !== 'national') {
      this.logger.log(`${p.caseNumber}: arrived, not a national: no reintegration case`);
      return;
    }
    try {
      await this.cases.create({
        _id: p.caseNumber,
        partnerCode: p.partnerCode,
        transferReference: p.transferReference,
        status: 'open',
        arrivedAt: new Date(p.arrivedAt),
        openedAt: this.clock.now(),
        borderCrossingPoint: p.borderCrossingPoint,
        person: { ...p.person },
        family: p.family.map((f) => ({ ...f })),
        assistance: p.assistance ? { ...p.assistance } : undefined,
        unaccompaniedMinor: p.unaccompaniedMinor,
      });
      this.logger.log(`${p.caseNumber}: reintegration case opened`);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
