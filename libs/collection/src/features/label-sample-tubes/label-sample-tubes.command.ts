import type { CommandContext } from '@hemotrace/auth';

export class LabelSampleTubesCommand {
  constructor(
    readonly din: string,
    readonly tubeIds: string[],
    readonly ctx: CommandContext,
  ) {}
}
