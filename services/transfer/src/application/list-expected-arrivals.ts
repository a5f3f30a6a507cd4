import { Injectable } from '@nestjs/common';
import { bakuDate, formatInstant } from '@readmission/agreements';
import { Clock } from '@readmission/platform';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { remedyReason } from '../domain/notice-rules';
import { HandoverRecords } from '../infrastructure/handover-records.repository';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';
import { Transfers } from '../infrastructure/transfers.repository';

/**
 * A crossing point's expected arrivals on a Baku date (today by default): each confirmed person with what the
 * identity check needs (person, family, travel document) and what the border has recorded so far.
 */
@Injectable()
export class ListExpectedArrivals {
  constructor(
    private readonly transfers: Transfers,
    private readonly cases: AcceptedCases,
    private readonly handovers: HandoverRecords,
    private readonly remedies: RemedyHolds,
    private readonly clock: Clock,
  ) {}

  async execute(borderCrossingPoint: string, day?: string) {
    const date = day ?? bakuDate(this.clock.now());
    const transfers = await this.transfers.arrivingOn(borderCrossingPoint, date);
    const caseNumbers = transfers.flatMap((t) => t.manifest.filter((m) => m.verdict === 'confirmed').map((m) => m.caseNumber as string));
    const cases = new Map(
      (await this.cases.findEach('_id', caseNumbers, {}, { projection: { decision: 1, travelDocument: 1, status: 1, withdrawal: 1 } })).map(
        (c) => [c._id, c],
      ),
    );
    const standing = new Map((await this.remedies.standing(caseNumbers)).map((r) => [r.caseNumber, r]));
    const records = new Map((await this.handovers.ofTransfers(transfers.map((t) => t._id))).map((r) => [r._id, r]));
    return {
      borderCrossingPoint,
      date,
      transfers: transfers.map((t) => ({
        partnerCode: t.partnerCode,
        transferReference: t.transferReference,
        status: t.status,
        plannedArrival: formatInstant(new Date(t.plannedArrival)),
        transport: t.transport,
        persons: t.manifest
          .filter((m) => m.verdict === 'confirmed')
          .map((m) => {
            const c = cases.get(m.caseNumber as string);
            const r = records.get(`${t._id}#${m.partnerReference}`);
            return {
              partnerReference: m.partnerReference,
              caseNumber: m.caseNumber,
              person: c?.decision.person,
              family: c?.decision.family ?? [],
              unaccompaniedMinor: c?.decision.unaccompaniedMinor ?? false,
              // Protection needs from the application, for the border officer (details only with the person's consent).
              vulnerability: {
                unaccompaniedMinor: c?.decision.unaccompaniedMinor ?? false,
                assistanceNeeded: c?.decision.assistance?.needed ?? false,
                ...(c?.decision.assistance?.consentGiven && c.decision.assistance.details
                  ? { assistanceDetails: c.decision.assistance.details }
                  : {}),
              },
              travelDocument: c?.travelDocument
                ? { documentNumber: c.travelDocument.documentNumber, validUntil: c.travelDocument.validUntil }
                : undefined,
              // Not to be received under readmission, and why (the border officer's list says it).
              ...(standing.has(m.caseNumber as string)
                ? { doNotReceive: remedyReason(standing.get(m.caseNumber as string) as { kind: string; date: string; authority?: string }) }
                : {}),
              ...(c?.status === 'withdrawn'
                ? {
                    doNotReceive: `application withdrawn on ${bakuDate(c.withdrawal?.withdrawnAt ?? new Date())}: the acceptance has lapsed and travel document ${c.withdrawal?.cancelledDocuments.join(', ') || '(none)'} is cancelled`,
                  }
                : {}),
              recorded: r ? { outcome: r.outcome, recordedBy: r.recordedBy, recordedAt: r.recordedAt } : undefined,
            };
          }),
      })),
    };
  }
}
