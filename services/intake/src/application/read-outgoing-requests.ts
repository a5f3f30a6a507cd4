import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@readmission/errors';
import { Projection } from '@readmission/persistence';
import { TRANSFER_PENDING_STATUSES } from '../domain/outgoing-request';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';

const SUMMARY: Projection = {
  _id: 1,
  partnerCode: 1,
  agreement: 1,
  procedure: 1,
  category: 1,
  status: 1,
  sentAt: 1,
  replyDueBy: 1,
  alertsRaised: 1,
  escalated: 1,
  decision: 1,
  transferDueBy: 1,
  transfer: 1,
  rejection: 1,
  refusedTransfers: 1,
};

/** The officers' list of Azerbaijan's requests (newest first, optionally by status or partner) and one request in full. */
@Injectable()
export class ReadOutgoingRequests {
  constructor(private readonly requests: OutgoingRequestRepository) {}

  list(filter: { status?: string; partner?: string; limit?: number }) {
    return this.requests.find(
      { ...(filter.status ? { status: filter.status } : {}), ...(filter.partner ? { partnerCode: filter.partner } : {}) },
      { projection: SUMMARY, sort: { sentAt: -1 }, limit: filter.limit ?? 100 },
    );
  }

  /**
   * The border officer's departures: Azerbaijan's notified (or partner-confirmed) transfers leaving from the officer's crossing points (the
   * token's), with what the handover needs (the person's name and date of birth, the transfer); nothing else of the
   * application is read.
   */
  async departures(crossingPoints: string[], limit = 200) {
    const found = await this.requests.find(
      { status: { $in: TRANSFER_PENDING_STATUSES }, 'transfer.departureCrossingPoint': { $in: crossingPoints } },
      { projection: { _id: 1, partnerCode: 1, transfer: 1, application: 1 }, sort: { 'transfer.plannedDeparture': 1 }, limit },
    );
    return found.map((r) => ({
      requestNumber: r._id,
      partnerCode: r.partnerCode,
      person: {
        surname: r.application.person.surname,
        givenNames: r.application.person.givenNames,
        dateOfBirth: r.application.person.dateOfBirth,
        nationality: r.application.person.nationality,
      },
      transfer: r.transfer,
    }));
  }

  async one(requestNumber: string) {
    const found = await this.requests.findById(requestNumber);
    if (!found) throw new NotFoundError(`no request ${requestNumber}`);
    return found;
  }
}
