import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { nextSequence } from '@readmission/persistence';
import { formatCaseNumber } from '../domain/case-number';

/** Issues case numbers, 1..n per year without gaps or repeats across instances (collection `counters`). */
@Injectable()
export class CaseNumberSequence {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async next(year: number): Promise<string> {
    return formatCaseNumber(year, await nextSequence(this.connection, `case-number-${year}`));
  }
}
