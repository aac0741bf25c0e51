import type { CommandContext } from '@hemotrace/auth';
import type { ErasureLegalBasis } from '../../domain/donor/donor.events';

export class EraseDonorPersonalDataCommand {
  constructor(
    readonly donorId: string,
    readonly legalBasis: ErasureLegalBasis,
    readonly reason: string,
    readonly ctx: CommandContext,
  ) {}
}
