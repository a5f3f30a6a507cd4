import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { assertMayRead, assertMayWork } from '../domain/case-access';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** Object-level access to one case, checked before a use case runs (404 for an unknown case, 403 for another's). */
@Injectable()
export class CaseAccess {
  constructor(private readonly cases: ReintegrationCases) {}

  async work(caseNumber: string, caller: Caller): Promise<void> {
    assertMayWork(caller, caseNumber, await loadCase(this.cases, caseNumber, { caseWorker: 1, team: 1 }));
  }

  async read(caseNumber: string, caller: Caller): Promise<void> {
    assertMayRead(caller, caseNumber, await loadCase(this.cases, caseNumber, { caseWorker: 1, team: 1 }));
  }
}
