import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Caller } from './roles';

/** The authenticated caller of an HTTP endpoint. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Caller => ctx.switchToHttp().getRequest<{ caller: Caller }>().caller,
);
