import type { CommandContext } from '@hemotrace/auth';
import type { RecordAntibodyScreenRequest } from './record-antibody-screen.request';

export class RecordAntibodyScreenCommand {
  constructor(
    readonly din: string,
    readonly request: RecordAntibodyScreenRequest,
    readonly ctx: CommandContext,
  ) {}
}
