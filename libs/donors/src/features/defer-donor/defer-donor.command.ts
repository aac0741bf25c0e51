import type { CommandContext } from '@hemotrace/auth';
import type { DeferralReason } from '../../domain/donor/deferral';

export class DeferDonorCommand {
  constructor(
    readonly donorId: string,
    readonly kind: 'TEMPORARY' | 'PERMANENT',
    readonly reasons: DeferralReason[],
    readonly until: string | undefined,
    readonly source: 'CLINIC' | 'LABORATORY',
    readonly ctx: CommandContext,
    readonly din?: string,
    /** Business time when it is not the request time (e.g. the laboratory's confirmation). */
    readonly at?: string,
  ) {}
}
