import type { Type } from '@nestjs/common';

/** The bounded contexts wired into the all-in-one server. */
export const CONTEXT_MODULES: Type<unknown>[] = [];
