import { randomUUID } from 'crypto';
import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { ConflictError, NotFoundError } from '@readmission/errors';
import { AuditTrail, Clock } from '@readmission/platform';
import { PlanService, assertWorkable } from '../domain/reintegration-case';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { loadCase } from './load-case';

/** The reintegration plan: services added after the needs assessment, each with a provider and a status. */
@Injectable()
export class PlanServices {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async add(
    caseNumber: string,
    s: { service: string; area?: string; provider: string; budgetLine?: string; notes?: string },
    caller: Caller,
  ): Promise<PlanService> {
    const c = await loadCase(this.cases, caseNumber);
    assertWorkable(c, 'a reintegration plan');
    if (!c.assessment) throw new ConflictError(`case ${caseNumber}: record the needs assessment before the plan`);
    const item: PlanService = {
      id: `S${c.plan.length + 1}-${randomUUID().slice(0, 6)}`,
      ...s,
      status: 'planned',
      updatedAt: this.clock.now(),
    };
    await this.cases.change(
      caseNumber,
      { $push: { plan: item } },
      {
        at: item.updatedAt,
        event: 'plan-service-added',
        by: caller.subject,
        details: { id: item.id, service: s.service, provider: s.provider },
      },
    );
    await this.audit.record({
      actor: caller,
      action: 'plan-service-added',
      subject: caseNumber,
      reason: `${s.service} by ${s.provider}`,
      details: { id: item.id, budgetLine: s.budgetLine },
    });
    return item;
  }

  async update(caseNumber: string, id: string, u: { status: string; notes?: string }, caller: Caller): Promise<PlanService> {
    const c = await loadCase(this.cases, caseNumber);
    assertWorkable(c, 'a reintegration plan');
    const current = c.plan.find((p) => p.id === id);
    if (!current) throw new NotFoundError(`case ${caseNumber} has no plan service ${id}`);
    const updated: PlanService = { ...current, status: u.status, notes: u.notes ?? current.notes, updatedAt: this.clock.now() };
    const plan = c.plan.map((p) => (p.id === id ? updated : p));
    await this.cases.change(
      caseNumber,
      { $set: { plan } },
      { at: updated.updatedAt, event: 'plan-service-updated', by: caller.subject, details: { id, status: u.status } },
    );
    await this.audit.record({
      actor: caller,
      action: 'plan-service-updated',
      subject: caseNumber,
      reason: u.notes ?? `status ${u.status}`,
      details: { id, status: u.status },
    });
    return updated;
  }
}
