import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@hemotrace/event-sourcing';
import { READ_MODEL_STORE } from '@hemotrace/event-sourcing';
import type { Marker } from '../contracts/laboratory.contracts';
import type { DonationTesting } from '../domain/donation-testing/donation-testing.state';
import type { LaboratoryProfile } from '../domain/profiles';
import type { MarkerAssessment, MissingTest } from '../domain/donation-testing/donation-testing.rules';
import { assessMarker, missingTests } from '../domain/donation-testing/donation-testing.rules';
import { LABORATORY_PROFILE } from '../laboratory.tokens';
import type {
  CollectedDonationDoc,
  KnownCollectedDonation,
  LabDonationDoc,
  LabDonationStatus,
  ReagentUseDoc,
} from './collections';
import { isCollected, LAB_COLLECTED_DONATIONS, LAB_DONATIONS, LAB_REAGENT_USES } from './collections';
import type { LabTestingView, MarkerResultView } from './laboratory-donation.view';
import { awaitingSample, viewOfDecided } from './laboratory-donation.view';

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

/** Collected donations looked at per read when listing those still awaiting their sample. */
const AWAITING_PAGE = 200;

type DonationView = Pick<LabDonationDoc, 'din' | 'donorId' | 'collectedAt'> & LabTestingView;

/** A collected donation the laboratory has no sample of yet. */
const awaitingView = ({ din, donorId, collectedAt }: KnownCollectedDonation): DonationView => ({
  din,
  donorId,
  collectedAt,
  ...awaitingSample,
});

/**
 * What other contexts and the HTTP edge may ask the laboratory; reads only its own read models. A
 * donation it knows is one collection published (lab_collected_donations, folded from the bus) or
 * one it received a sample of (lab_donations, folded from its own log); the two are kept by two
 * processors, never in one document, and joined here: the testing view when there is one (the
 * sample names donor and collection time, so it answers even before collection's contract is
 * folded), awaiting sample otherwise.
 */
@Injectable()
export class LaboratoryQueries {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(LABORATORY_PROFILE) private readonly profile: LaboratoryProfile,
  ) {}

  async testingStatus(din: string): Promise<TestingStatusView | null> {
    const testing = await this.store.get<LabDonationDoc>(LAB_DONATIONS, din);
    if (testing) return this.view(testing);
    const collected = await this.store.get<CollectedDonationDoc>(LAB_COLLECTED_DONATIONS, din);
    return isCollected(collected) ? this.view(awaitingView(collected)) : null;
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
    const statuses = status ? [status] : OPEN;
    const [tested, awaiting] = await Promise.all([
      this.store.find<LabDonationDoc>(
        LAB_DONATIONS,
        { status: { $in: statuses } },
        { limit, orderBy: { field: 'collectedAt' } },
      ),
      statuses.includes('AWAITING_SAMPLE') ? this.awaitingSample(limit) : Promise.resolve([]),
    ]);
    const docs = [...tested, ...awaiting]
      .sort((a, b) => (a.collectedAt < b.collectedAt ? -1 : a.collectedAt > b.collectedAt ? 1 : 0))
      .slice(0, limit);
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

  /**
   * Collected donations, oldest first, with no testing view yet. The store joins no collections
   * and no processor may mark another's documents, so the anti-join reads page by page the
   * collected donations the laboratory has not concluded (the open work, not the history) and
   * leaves out those with a testing view (received, even if the conclusion is not folded yet).
   */
  private async awaitingSample(limit: number): Promise<DonationView[]> {
    const found: DonationView[] = [];
    for (let offset = 0; found.length < limit; offset += AWAITING_PAGE) {
      const page = await this.store.find<CollectedDonationDoc>(
        LAB_COLLECTED_DONATIONS,
        { concluded: false },
        { limit: AWAITING_PAGE, offset, orderBy: { field: 'collectedAt' } },
      );
      if (page.length === 0) break;
      const received = new Set(
        (
          await this.store.find<Pick<LabDonationDoc, 'din'>>(LAB_DONATIONS, {
            din: { $in: page.map((d) => d.din) },
          })
        ).map((d) => d.din),
      );
      found.push(
        ...page
          .filter(isCollected)
          .filter((d) => !received.has(d.din))
          .map(awaitingView),
      );
      if (page.length < AWAITING_PAGE) break;
    }
    return found.slice(0, limit);
  }

  private missing(view: LabTestingView): MissingTest[] {
    const { results, bloodGroup: group, antibodyScreen } = view;
    return missingTests({ results, group, antibodyScreen }, this.profile);
  }

  private view(doc: DonationView): TestingStatusView {
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
