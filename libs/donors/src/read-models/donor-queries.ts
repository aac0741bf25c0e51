import { Inject, Injectable } from '@nestjs/common';
import type { Filter, ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Antigen } from '@hemotrace/kernel';
import { DonorNotFound } from '../domain/donor/donor.errors';
import type { DonorRegulatoryProfile } from '../domain/profiles';
import { DONOR_PROFILE } from '../donors.tokens';
import {
  DONOR_DEFERRAL_REASONS,
  DONOR_DEFERRALS,
  DONOR_HISTORY,
  DONOR_PROFILES,
  DONOR_TYPINGS,
} from './collections';
import type { DonationHistoryDoc } from './donation-history.projection';
import { emptyHistory } from './donation-history.projection';
import type { DeferralDoc, DeferralReasonDoc } from './donor-deferrals.projection';
import { DonorIdentityReader } from './donor-identity.reader';
import type { DonorProfileDoc } from './donor-profile.projection';
import type { DonorTypingDoc } from './donor-typing.projection';

export interface DeferralSearch {
  reason?: string;
  /** true: in force at `on`; false: lifted or ended by `on`; absent: all. */
  active?: boolean;
  donorId?: string;
  on: string;
  limit: number;
  offset: number;
}

export interface RareDonorSearch {
  group?: string;
  /** Any of these groups (the red-cell compatible groups of a recipient). */
  groups?: string[];
  negative: Antigen[];
  positive: Antigen[];
  limit: number;
}

const inForceFilter = (on: string): Filter => ({ lifted: false, endsAt: { $gt: on } });

@Injectable()
export class DonorQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(DONOR_PROFILE) private readonly profile: DonorRegulatoryProfile,
    private readonly identities: DonorIdentityReader,
  ) {}

  /** Donor profile, deferrals, donation history and recognition; identity only when asked (authorised roles). */
  async donor(donorId: string, withIdentity: boolean, on: string) {
    const profile = await this.readModels.get<DonorProfileDoc>(DONOR_PROFILES, donorId);
    if (!profile) throw new DonorNotFound(donorId);
    const [history, deferrals, typing, identity] = await Promise.all([
      this.readModels.get<DonationHistoryDoc>(DONOR_HISTORY, donorId),
      this.readModels.find<DeferralDoc>(DONOR_DEFERRALS, { donorId }, { orderBy: { field: 'deferredAt' } }),
      this.readModels.get<DonorTypingDoc>(DONOR_TYPINGS, donorId),
      withIdentity ? this.identities.identityOf(donorId) : Promise.resolve(null),
    ]);
    const donationHistory = history ?? emptyHistory(donorId);
    const donations = donationHistory.wholeBloodDonations + donationHistory.apheresisProcedures;
    const tiers = this.profile.recognitionTiers.filter((tier) => donations >= tier.minDonations);
    return {
      ...profile,
      ...(withIdentity ? { identity } : {}),
      bloodGroup: typing?.group ?? null,
      phenotype: typing?.phenotype ?? {},
      deferrals: deferrals.map((d) => ({ ...d, inForce: !d.lifted && d.endsAt > on })),
      deferred: deferrals.some((d) => !d.lifted && d.endsAt > on),
      history: donationHistory,
      recognition: {
        profileId: this.profile.id,
        donations,
        tier: tiers.at(-1) ?? null,
        next: this.profile.recognitionTiers.find((tier) => donations < tier.minDonations) ?? null,
      },
    };
  }

  async deferrals(search: DeferralSearch): Promise<DeferralDoc[]> {
    const base: Filter = search.donorId ? { donorId: search.donorId } : {};
    if (search.reason !== undefined) {
      const reasonFilter: Filter = {
        code: search.reason,
        ...(search.active === true ? inForceFilter(search.on) : {}),
      };
      const rows = await this.readModels.find<DeferralReasonDoc>(DONOR_DEFERRAL_REASONS, reasonFilter);
      const docs = await Promise.all(
        rows.map((r) => this.readModels.get<DeferralDoc>(DONOR_DEFERRALS, r.deferralId)),
      );
      return this.page(
        docs
          .filter((d): d is DeferralDoc => d !== null)
          .filter((d) => !search.donorId || d.donorId === search.donorId)
          .filter((d) => search.active !== false || d.lifted || d.endsAt <= search.on),
        search,
      );
    }
    if (search.active === true) {
      return this.readModels.find<DeferralDoc>(
        DONOR_DEFERRALS,
        { ...base, ...inForceFilter(search.on) },
        { orderBy: { field: 'deferredAt', direction: 'desc' }, limit: search.limit, offset: search.offset },
      );
    }
    const all = await this.readModels.find<DeferralDoc>(DONOR_DEFERRALS, base);
    return this.page(
      all.filter((d) => search.active === undefined || d.lifted || d.endsAt <= search.on),
      search,
    );
  }

  /** Donors of a group typed negative (and positive) for every listed antigen; untyped does not count. */
  async rareDonors(search: RareDonorSearch): Promise<DonorTypingDoc[]> {
    const filter: Filter = {
      ...(search.group ? { group: search.group } : {}),
      ...(search.groups ? { group: { $in: search.groups } } : {}),
      ...Object.fromEntries(search.negative.map((antigen) => [`phenotype.${antigen}`, 'NEG'])),
      ...Object.fromEntries(search.positive.map((antigen) => [`phenotype.${antigen}`, 'POS'])),
    };
    return this.readModels.find<DonorTypingDoc>(DONOR_TYPINGS, filter, {
      orderBy: { field: 'donorId' },
      limit: search.limit,
    });
  }

  private page(docs: DeferralDoc[], search: DeferralSearch): DeferralDoc[] {
    return [...docs]
      .sort((a, b) => (a.deferredAt < b.deferredAt ? 1 : a.deferredAt > b.deferredAt ? -1 : 0))
      .slice(search.offset, search.offset + search.limit);
  }
}
