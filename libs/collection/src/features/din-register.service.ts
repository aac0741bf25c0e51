import { Injectable, Module } from '@nestjs/common';
import type { CommandContext } from '@hemotrace/auth';
import { CommandExecutor } from '@hemotrace/platform';
import { donationStreamId } from '../contracts/collection.contracts';
import type { DinUse } from '../domain/din-register/din-register.decide';
import { DinAlreadyAssigned, dinRegisterDecider } from '../domain/din-register/din-register.decide';

export const dinStreamId = (din: string): string => `Din-${din}`;

/**
 * One register of DINs for donations and pools (`Din-<din>`, first written with `no_stream`).
 * Collection owns it; components asks it through this service before recording a pool.
 */
@Injectable()
export class DinRegister {
  constructor(private readonly executor: CommandExecutor) {}

  async assign(din: string, use: DinUse, reference: string, ctx: CommandContext): Promise<void> {
    const register = await this.executor.load(dinRegisterDecider, dinStreamId(din));
    /* Donations recorded before the register existed hold their DIN through their own stream. */
    if (
      !register.exists &&
      use === 'POOL' &&
      (await this.executor.load({ initialState: null, evolve: () => null }, donationStreamId(din))).exists
    ) {
      throw new DinAlreadyAssigned(din, 'DONATION');
    }
    await this.executor.execute(
      dinRegisterDecider,
      dinStreamId(din),
      { type: 'AssignDin', din, use, reference, at: ctx.now },
      ctx,
    );
  }
}

/** The DIN register for other contexts' modules (components' pooling). */
@Module({ providers: [DinRegister], exports: [DinRegister] })
export class DinRegisterModule {}
