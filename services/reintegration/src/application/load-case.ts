import { NotFoundError } from '@readmission/errors';
import { Projection, Stored } from '@readmission/persistence';
import { ReintegrationCase } from '../infrastructure/reintegration-case.schema';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';

/** The case, or NotFoundError (404 over HTTP). */
export async function loadCase(cases: ReintegrationCases, caseNumber: string, projection?: Projection): Promise<Stored<ReintegrationCase>> {
  const found = await cases.findById(caseNumber, projection);
  if (!found) throw new NotFoundError(`no reintegration case ${caseNumber}`);
  return found;
}
