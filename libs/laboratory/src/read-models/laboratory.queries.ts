import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { BloodGroup } from '@hemotrace/kernel';
import type { Marker } from '../contracts/laboratory.contracts';
import type { DonationTesting } from '../domain/donation-testing/donation-testing.state';
import type { LaboratoryProfile } from '../domain/profiles';
import type { MarkerAssessment, MissingTest } from '../domain/donation-testing/donation-testing.rules';
import { assessMarker, missingTests } from '../domain/donation-testing/donation-testing.rules';
import { LABORATORY_PROFILE } from '../laboratory.tokens';
import type { DonorGroupDoc, LabDonationDoc, LabDonationStatus, ReagentUseDoc } from './collections';
import { LAB_DONATIONS, LAB_DONOR_GROUPS, LAB_REAGENT_USES } from './collections';
import type { LabTestingView, MarkerResultView } from './laboratory-donation.view';
import { viewOfDecided } from './laboratory-donation.view';

export interface MarkerView extends MarkerAssessment {
  marker: Marker;
  mandatory: boolean;
  results: MarkerResultView[];
}

export interface TestingStatusView {
  din: string;
  donorId: string;
  collectedAt: string;
  status: LabDonationStatus;
  profile: string;
  samples: LabTestingView['samples'];
  bloodGroup: LabTestingView['bloodGroup'];
  antibodyScreen: LabTestingView['antibodyScreen'];
  phenotype: LabTestingView['phenotype'];
  markers: MarkerView[];
  missing: MissingTest[];
  confirmatory: LabTestingView['confirmatory'];
  confirmedPositive: Marker[];
  conclusion: LabTestingView['conclusion'];
}

export interface WorklistItem {
  din: string;
  donorId: string;
  status: LabDonationStatus;
  collectedAt: string;
  receivedAt: string | null;
  missing: { test: MissingTest['test'] | 'SAMPLE'; need: string }[];
}

const OPEN: LabDonationStatus[] = ['AWAITING_SAMPLE', 'SAMPLE_UNACCEPTABLE', 'IN_TESTING', 'ON_HOLD'];

/** What other contexts and the HTTP edge may ask the laboratory; reads only its own read models. */
@Injectable()
export class LaboratoryQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(LABORATORY_PROFILE) private readonly profile: LaboratoryProfile,
  ) {}

  async historicalGroup(donorId: string): Promise<BloodGroup | null> {
    return (await this.store.get<DonorGroupDoc>(LAB_DONOR_GROUPS, donorId))?.bloodGroup ?? null;
  }

  async testingStatus(din: string): Promise<TestingStatusView | null> {
    const doc = await this.store.get<LabDonationDoc>(LAB_DONATIONS, din);
    return doc ? this.view(doc) : null;
  }

  /**
   * The same view as testingStatus, of a testing state the caller already holds (a command's
   * decided state): what the projection will store for it, without waiting for the projection.
   */
  testingView(
    donation: { din: string; donorId: string; collectedAt: string },
    testing: DonationTesting,
  ): TestingStatusView {
    return this.view({
      din: donation.din,
      donorId: donation.donorId,
      collectedAt: donation.collectedAt,
      ...viewOfDecided(testing),
    });
  }

  async worklist(status?: LabDonationStatus, limit = 200): Promise<WorklistItem[]> {
    const docs = await this.store.find<LabDonationDoc>(
      LAB_DONATIONS,
      { status: status ? status : { $in: OPEN } },
      { limit, orderBy: { field: 'collectedAt' } },
    );
    return docs.map((doc) => ({
      din: doc.din,
      donorId: doc.donorId,
      status: doc.status,
      collectedAt: doc.collectedAt,
      receivedAt: doc.samples.at(-1)?.receivedAt ?? null,
      missing:
        doc.status === 'AWAITING_SAMPLE' || doc.status === 'SAMPLE_UNACCEPTABLE'
          ? [{ test: 'SAMPLE', need: 'an acceptable sample' }, ...this.missing(doc)]
          : this.missing(doc),
    }));
  }

  /** Every donation a reagent lot was used on (recall by reagent lot). */
  async donationsTestedWithLot(lot: string): Promise<{ lot: string; dins: string[]; uses: ReagentUseDoc[] }> {
    const uses = await this.store.find<ReagentUseDoc>(
      LAB_REAGENT_USES,
      { lot },
      { orderBy: { field: 'usedAt' } },
    );
    return { lot, dins: [...new Set(uses.map((u) => u.din))], uses };
  }

  private missing(view: LabTestingView): MissingTest[] {
    const { results, bloodGroup: group, antibodyScreen } = view;
    return missingTests({ results, group, antibodyScreen }, this.profile);
  }

  private view(
    doc: Pick<LabDonationDoc, 'din' | 'donorId' | 'collectedAt'> & LabTestingView,
  ): TestingStatusView {
    const markers = [
      ...new Set<Marker>([
        ...this.profile.mandatoryMarkers,
        ...(Object.keys(this.profile.markers) as Marker[]),
        ...doc.results.map((r) => r.marker),
      ]),
    ];
    return {
      din: doc.din,
      donorId: doc.donorId,
      collectedAt: doc.collectedAt,
      status: doc.status,
      profile: this.profile.id,
      samples: doc.samples,
      bloodGroup: doc.bloodGroup,
      antibodyScreen: doc.antibodyScreen,
      phenotype: doc.phenotype,
      markers: markers.map((marker) => ({
        marker,
        mandatory: this.profile.mandatoryMarkers.includes(marker),
        ...assessMarker(doc.results, marker, this.profile),
        results: doc.results.filter((r) => r.marker === marker),
      })),
      missing: doc.status === 'QUALIFIED' || doc.status === 'REJECTED' ? [] : this.missing(doc),
      confirmatory: doc.confirmatory,
      confirmedPositive: doc.confirmedPositive,
      conclusion: doc.conclusion,
    };
  }
}
