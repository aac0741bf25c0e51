import type { CommandContext } from '@hemotrace/auth';
import type { RecordPhenotypeRequest } from './record-phenotype.request';

export class RecordPhenotypeCommand {
  constructor(
    readonly din: string,
    readonly request: RecordPhenotypeRequest,
    readonly ctx: CommandContext,
  ) {}
}
