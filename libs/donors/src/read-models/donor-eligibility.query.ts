import { Inject, Injectable } from '@nestjs/common';
import type { Procedure } from '@hemotrace/kernel';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import { CommandExecutor } from '@hemotrace/platform';
import type { DonorEligibility } from '../contracts/donors.contracts';
import { donorStreamId } from '../contracts/donors.contracts';
import type { PastDonation } from '../domain/donor/donor-eligibility.rules';
import { eligibilityFindings, screeningAllowsDonation } from '../domain/donor/donor-eligibility.rules';
import { donorDecider } from '../domain/donor/donor.decide';
import { DonorNotFound } from '../domain/donor/donor.errors';
import type { DonorRegulatoryProfile } from '../domain/profiles';
import { DONOR_PROFILE } from '../donors.tokens';
import { DONOR_HISTORY } from './collections';
import type { DonationHistoryDoc } from './donation-history.projection';

/**
 * May this donor give this procedure at that moment? Deferrals come from the donor's stream (the
 * source of truth), past donations from the history read model. Other contexts use it in-process.
 */
@Injectable()
export class DonorEligibilityQuery {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(DONOR_PROFILE) private readonly profile: DonorRegulatoryProfile,
  ) {}

  async pastDonations(donorId: string): Promise<PastDonation[]> {
    const history = await this.readModels.get<DonationHistoryDoc>(DONOR_HISTORY, donorId);
    return (history?.donations ?? []).map((d) => ({ procedure: d.procedure, at: d.endedAt }));
  }

  /**
   * Throws DonorNotFound for an unknown donor. With `requireScreening`, the donor must also hold a
   * screening found eligible for this procedure that is still valid (what collection asks before starting).
   */
  async eligibilityOn(
    donorId: string,
    on: string,
    procedure: Procedure,
    options: { requireScreening?: boolean } = {},
  ): Promise<DonorEligibility> {
    const { state } = await this.executor.load(donorDecider, donorStreamId(donorId));
    if (state.status !== 'Registered') throw new DonorNotFound(donorId);
    const history = await this.pastDonations(donorId);
    const findings = eligibilityFindings(
      { sex: state.sex, birthDate: state.birthDate, deferrals: state.deferrals, history },
      procedure,
      on,
      this.profile,
    );
    const screening = options.requireScreening
      ? screeningAllowsDonation(state.lastScreening, procedure, on)
      : null;
    const reasons = [...findings, ...(screening ? [screening] : [])].map(({ code, kind, until, detail }) => ({
      code,
      kind,
      ...(until === undefined ? {} : { until }),
      ...(detail === undefined ? {} : { detail }),
    }));
    const permanent = reasons.some((r) => r.kind === 'PERMANENT');
    const untils = reasons.map((r) => r.until).filter((u): u is string => u !== undefined);
    const eligibleFrom =
      reasons.length > 0 && !permanent && untils.length === reasons.length ? untils.sort().at(-1) : undefined;
    return {
      donorId,
      procedure,
      on,
      eligible: reasons.length === 0,
      reasons,
      ...(eligibleFrom === undefined ? {} : { eligibleFrom }),
    };
  }
}
