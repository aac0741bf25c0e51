import type { Decider } from '@hemotrace/event-sourcing';
import type { DinFlags, Procedure } from '@hemotrace/kernel';
import { lateEntryField, notBefore } from '@hemotrace/kernel';
import type { SiteType } from './donation.event-data';
import type { CollectionRegulatoryProfile } from '../profiles/collection-profile';
import {
  DinAlreadyUsed,
  DonationNotFound,
  DonationNotInProgress,
  DonorNotEligible,
  InvalidCollectionParameters,
  InvalidDonationTimes,
  TubeAlreadyLinked,
  VolumeOutOfTolerance,
} from './donation.errors';
import type { DonationEvent, ReactionSeverity, ReactionType } from './donation.events';
import {
  donationTimesAreOrdered,
  plateletDosesAreStandard,
  wholeBloodVolumeIsStandard,
  wholeBloodVolumeIsWithinTolerance,
} from './donation.rules';
import type { DonationState, StartedDonation } from './donation.state';
import { evolveDonation, initialDonationState } from './donation.state';

export interface StartDonation {
  type: 'StartDonation';
  din: string;
  donorId: string;
  procedure: Procedure;
  nominalVolumeMl?: number;
  plateletDoses?: number;
  siteId: string;
  siteType: SiteType;
  bagLot: string;
  operatorId: string;
  groupDonation?: boolean;
  /** The donors context's answer at this moment (deferrals, intervals, a valid screening). */
  eligibility: { eligible: boolean; reasons: unknown[] };
  profile: CollectionRegulatoryProfile;
  /** Venipuncture start (business time); defaults to the time of entry. */
  startedAt?: string;
  lateEntryReason?: string;
  /** Flags scanned with the DIN, validated against the ISBT 128 flag types. */
  dinFlags?: DinFlags;
  /** The time of entry. */
  at: string;
}

export interface CompleteDonation {
  type: 'CompleteDonation';
  din: string;
  measuredVolumeMl: number;
  plateletDoses?: number;
  startedAt?: string;
  endedAt: string;
  lateEntryReason?: string;
  profile: CollectionRegulatoryProfile;
  /** The time of entry. */
  now: string;
}

export interface AbortDonation {
  type: 'AbortDonation';
  din: string;
  reason: string;
  partialVolumeMl: number;
  /** When the collection stopped (business time); defaults to the time of entry. */
  abortedAt?: string;
  lateEntryReason?: string;
  profile: CollectionRegulatoryProfile;
  /** The time of entry. */
  at: string;
}

export interface RecordAdverseReaction {
  type: 'RecordAdverseReaction';
  din: string;
  reactionType: ReactionType;
  severity: ReactionSeverity;
  occurredAt: string;
  notes?: string;
  lateEntryReason?: string;
  profile: CollectionRegulatoryProfile;
  /** The time of entry. */
  now: string;
}

export interface LabelSampleTubes {
  type: 'LabelSampleTubes';
  din: string;
  tubeIds: string[];
  at: string;
}

export type DonationCommand =
  StartDonation | CompleteDonation | AbortDonation | RecordAdverseReaction | LabelSampleTubes;

const started = (state: DonationState, din: string): StartedDonation => {
  if (state.status === 'NotStarted') throw new DonationNotFound(din);
  return state;
};

const inProgress = (state: DonationState, din: string) => {
  const donation = started(state, din);
  if (donation.status !== 'InProgress') throw new DonationNotInProgress(din, donation.status);
  return donation;
};

export const startDonation = (cmd: StartDonation, state: DonationState): DonationEvent[] => {
  if (state.status !== 'NotStarted') throw new DinAlreadyUsed(cmd.din);
  if (!wholeBloodVolumeIsStandard(cmd.procedure, cmd.nominalVolumeMl, cmd.profile)) {
    throw new InvalidCollectionParameters(
      `Whole blood needs a bag volume of ${cmd.profile.wholeBloodVolumesMl.join('/')} mL; apheresis has none`,
      { procedure: cmd.procedure, volumeMl: cmd.nominalVolumeMl ?? null },
    );
  }
  if (!plateletDosesAreStandard(cmd.procedure, cmd.plateletDoses, cmd.profile)) {
    throw new InvalidCollectionParameters(
      `Apheresis platelets need ${cmd.profile.plateletDoses.join(' or ')} therapeutic doses; other procedures none`,
      { procedure: cmd.procedure, plateletDoses: cmd.plateletDoses ?? null },
    );
  }
  const startedAt = cmd.startedAt ?? cmd.at;
  const late = lateEntryField({
    context: 'COLLECTION',
    field: 'startedAt',
    occurredAt: startedAt,
    now: cmd.at,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  if (!cmd.eligibility.eligible) throw new DonorNotEligible(cmd.donorId, cmd.eligibility.reasons);
  return [
    {
      type: 'DonationStarted',
      data: {
        din: cmd.din,
        donorId: cmd.donorId,
        procedure: cmd.procedure,
        ...(cmd.nominalVolumeMl === undefined ? {} : { nominalVolumeMl: cmd.nominalVolumeMl }),
        ...(cmd.plateletDoses === undefined ? {} : { plateletDoses: cmd.plateletDoses }),
        siteId: cmd.siteId,
        siteType: cmd.siteType,
        bagLot: cmd.bagLot,
        operatorId: cmd.operatorId,
        startedAt,
        ...(cmd.groupDonation === undefined ? {} : { groupDonation: cmd.groupDonation }),
        ...late,
        ...(cmd.dinFlags === undefined ? {} : { dinFlags: cmd.dinFlags }),
      },
    },
  ];
};

export const completeDonation = (cmd: CompleteDonation, state: DonationState): DonationEvent[] => {
  const donation = inProgress(state, cmd.din);
  const startedAt = cmd.startedAt ?? donation.startedAt;
  if (
    !donationTimesAreOrdered(startedAt, cmd.endedAt) ||
    !donationTimesAreOrdered(donation.startedAt, cmd.endedAt)
  ) {
    throw new InvalidDonationTimes('The donation must end after it starts', {
      startedAt,
      endedAt: cmd.endedAt,
    });
  }
  const late = lateEntryField({
    context: 'COLLECTION',
    field: 'endedAt',
    occurredAt: cmd.endedAt,
    now: cmd.now,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  if (
    donation.nominalVolumeMl !== undefined &&
    !wholeBloodVolumeIsWithinTolerance(cmd.measuredVolumeMl, donation.nominalVolumeMl, cmd.profile)
  ) {
    throw new VolumeOutOfTolerance(
      cmd.din,
      cmd.measuredVolumeMl,
      donation.nominalVolumeMl,
      cmd.profile.wholeBloodVolumeTolerance,
    );
  }
  const doses =
    donation.procedure === 'APHERESIS_PLATELETS' ? (cmd.plateletDoses ?? donation.plateletDoses) : undefined;
  if (
    donation.procedure === 'APHERESIS_PLATELETS' &&
    !plateletDosesAreStandard(donation.procedure, doses, cmd.profile)
  ) {
    throw new InvalidCollectionParameters('Apheresis platelets yield 1 or 2 therapeutic doses', {
      plateletDoses: doses,
    });
  }
  return [
    {
      type: 'DonationCompleted',
      data: {
        din: donation.din,
        donorId: donation.donorId,
        procedure: donation.procedure,
        volumeMl: donation.nominalVolumeMl ?? cmd.measuredVolumeMl,
        ...(doses === undefined ? {} : { plateletDoses: doses }),
        startedAt,
        endedAt: cmd.endedAt,
        siteId: donation.siteId,
        siteType: donation.siteType,
        bagLot: donation.bagLot,
        ...(donation.groupDonation === undefined ? {} : { groupDonation: donation.groupDonation }),
        measuredVolumeMl: cmd.measuredVolumeMl,
        ...late,
      },
    },
  ];
};

export const abortDonation = (cmd: AbortDonation, state: DonationState): DonationEvent[] => {
  const donation = inProgress(state, cmd.din);
  const abortedAt = cmd.abortedAt ?? cmd.at;
  if (!notBefore(abortedAt, donation.startedAt)) {
    throw new InvalidDonationTimes('A donation cannot stop before it started', {
      startedAt: donation.startedAt,
      abortedAt,
    });
  }
  const late = lateEntryField({
    context: 'COLLECTION',
    field: 'abortedAt',
    occurredAt: abortedAt,
    now: cmd.at,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  return [
    {
      type: 'DonationAborted',
      data: {
        din: donation.din,
        donorId: donation.donorId,
        procedure: donation.procedure,
        reason: cmd.reason,
        partialVolumeMl: cmd.partialVolumeMl,
        abortedAt,
        ...late,
      },
    },
  ];
};

/** A reaction may show after the needle is out (delayed vasovagal, hematoma), so any started donation takes one. */
export const recordAdverseReaction = (cmd: RecordAdverseReaction, state: DonationState): DonationEvent[] => {
  const donation = started(state, cmd.din);
  if (cmd.occurredAt < donation.startedAt) {
    throw new InvalidDonationTimes('A reaction to a donation cannot happen before it started', {
      startedAt: donation.startedAt,
      occurredAt: cmd.occurredAt,
    });
  }
  const late = lateEntryField({
    context: 'COLLECTION',
    field: 'occurredAt',
    occurredAt: cmd.occurredAt,
    now: cmd.now,
    lateEntryReason: cmd.lateEntryReason,
    policy: cmd.profile.businessTime,
  });
  return [
    {
      type: 'DonorAdverseReactionRecorded',
      data: {
        din: donation.din,
        donorId: donation.donorId,
        reactionType: cmd.reactionType,
        severity: cmd.severity,
        occurredAt: cmd.occurredAt,
        ...(cmd.notes === undefined ? {} : { notes: cmd.notes }),
        ...late,
      },
    },
  ];
};

export const labelSampleTubes = (cmd: LabelSampleTubes, state: DonationState): DonationEvent[] => {
  const donation = started(state, cmd.din);
  const already = cmd.tubeIds.filter((id) => donation.tubeIds.includes(id));
  if (already.length > 0) throw new TubeAlreadyLinked(cmd.din, already);
  return [
    {
      type: 'SampleTubesLabelled',
      data: { din: donation.din, donorId: donation.donorId, tubeIds: cmd.tubeIds, labelledAt: cmd.at },
    },
  ];
};

export const donationDecider: Decider<DonationCommand, DonationEvent, DonationState> = {
  initialState: initialDonationState,
  evolve: evolveDonation,
  decide: (command, state) => {
    switch (command.type) {
      case 'StartDonation':
        return startDonation(command, state);
      case 'CompleteDonation':
        return completeDonation(command, state);
      case 'AbortDonation':
        return abortDonation(command, state);
      case 'RecordAdverseReaction':
        return recordAdverseReaction(command, state);
      case 'LabelSampleTubes':
        return labelSampleTubes(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};
