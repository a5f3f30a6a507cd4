import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@readmission/errors';
import { Projection } from '@readmission/persistence';
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

  async one(requestNumber: string) {
    const found = await this.requests.findById(requestNumber);
    if (!found) throw new NotFoundError(`no request ${requestNumber}`);
    return found;
  }
}
