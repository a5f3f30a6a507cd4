import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiHeader, ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import { Caller, Role } from '@readmission/auth';
import { IsOptional, IsString, Length } from 'class-validator';
import type { Request } from 'express';
import { Observable, from, mergeMap } from 'rxjs';
import { AuditTrail } from './audit-trail';

/** The audit action of a read of personal records. */
export const PERSONAL_READ_ACTION = 'personal-data-read';
/** Where the reader states why: the `purpose` query parameter or this header. */
export const PURPOSE_HEADER = 'x-purpose';
export const PURPOSE_REQUIRED =
  'a purpose is required to read these personal records: give ?purpose= or the X-Purpose header (why you read them)';

const PERSONAL_READ_KEY = 'readmission:personal-read';

/** What a read of personal records is, for its audit entry. */
export interface PersonalReadRule {
  /** The kind of record, e.g. `verification-case`, `border-arrivals`. */
  record: string;
  /**
   * The roles whose daily work this read is, with the purpose recorded for them when they give none (e.g. the officer
   * deciding the case: `verification`). Every other role allowed on the endpoint (auditor, oversight) must give a purpose.
   */
  work: Partial<Record<Role, string>>;
  /** The record read (the audit entry's subject), from the request (e.g. its case number). */
  subject: (request: Request) => string;
  /** The persons' records in the answer (for a list), kept in the entry's details. */
  records?: (response: unknown) => string[];
}

/** The `purpose` query parameter, for endpoints whose query is a validated class (they extend this one). */
export class PurposeQuery {
  /** Why the personal records are read (required for roles that do not work on them; see the endpoint). */
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  purpose?: string;
}

/**
 * Marks an endpoint that reads personal records: each successful read is written to the audit trail (who, when, what,
 * why), and a caller outside the rule's work roles must state a purpose (400 without one). Documented in OpenAPI:
 * the `purpose` parameter, the `X-Purpose` header and `x-personal-read`.
 */
export const PersonalRead = (rule: PersonalReadRule) =>
  applyDecorators(
    SetMetadata(PERSONAL_READ_KEY, rule),
    UseInterceptors(PersonalReadInterceptor),
    ApiQuery({
      name: 'purpose',
      required: false,
      description: `Why the records are read. Required unless the caller's role is ${Object.keys(rule.work).join(' or ')} (recorded as the work's purpose).`,
    }),
    ApiHeader({ name: 'X-Purpose', required: false, description: 'The purpose, instead of the query parameter.' }),
    ApiExtension('x-personal-read', { record: rule.record, purposeOptionalFor: rule.work }),
  );

/** The purpose a caller gives, or the one its work implies; undefined when it must give one and did not. */
export function readPurpose(rule: Pick<PersonalReadRule, 'work'>, caller: Caller, given: string | undefined): string | undefined {
  const stated = given?.trim();
  if (stated) return stated;
  const work = caller.roles.map((r) => rule.work[r]).find((p) => p !== undefined);
  return work;
}

@Injectable()
export class PersonalReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<PersonalReadRule>(PERSONAL_READ_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<Request & { caller: Caller }>();
    const given = typeof request.query.purpose === 'string' ? request.query.purpose : request.header(PURPOSE_HEADER);
    const purpose = readPurpose(rule, request.caller, given);
    if (!purpose) throw new BadRequestException(PURPOSE_REQUIRED);
    const subject = rule.subject(request);
    return next.handle().pipe(
      mergeMap((response) =>
        from(
          this.audit
            .record({
              actor: request.caller,
              action: PERSONAL_READ_ACTION,
              subject,
              reason: purpose,
              details: {
                record: rule.record,
                path: request.path,
                purposeGiven: Boolean(given?.trim()),
                ...(rule.records ? { records: rule.records(response) } : {}),
              },
            })
            .then(() => response),
        ),
      ),
    );
  }
}
