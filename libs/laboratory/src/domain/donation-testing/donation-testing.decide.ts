import type { Decider } from '@hemotrace/event-sourcing';
import type { LateEntry, Marker } from '@hemotrace/kernel';
import { BusinessTimesOutOfOrder, lateEntryOf, notBefore } from '@hemotrace/kernel';
import type { LaboratoryProfile, ScreeningMethod } from '../profiles';
import type {
  ConcludeTesting,
  CorrectResult,
  DonationTestingCommand,
  ReceiveSample,
  RecordAntibodyScreen,
  RecordBloodGroup,
  RecordConfirmatoryResult,
  RecordMarkerResult,
  RecordPhenotype,
} from './donation-testing.commands';
import {
  AntibodiesWithNegativeScreen,
  BloodGroupNotConfirmed,
  ConfirmatoryNotApplicable,
  CorrectionChangesNothing,
  CorrectionNeedsSecondPerson,
  InterpretationContradictsLimit,
  KitAlreadyConcluded,
  MarkerNotInProfile,
  MethodNotAllowed,
  PhenotypeConflict,
  ResultIncomplete,
  ResultNotFound,
  SampleAlreadyReceived,
  SampleNotReceived,
  SampleReceivedBeforeCollection,
  TestingAlreadyConcluded,
  TestingIncomplete,
} from './donation-testing.errors';
import type {
  DonationTestingEvent,
  Interpretation,
  MarkerResultRecorded,
  Outcome,
} from './donation-testing.events';
import type { DonationTesting } from './donation-testing.state';
import { evolve, initialDonationTesting } from './donation-testing.state';
import {
  agreesWithGroupOnRecord,
  assessDetermination,
  chemistryInterpretation,
  confirmatoryApplies,
  conflictingAntigens,
  isNat,
  kitAcceptsResult,
  kitKey,
  kitsFor,
  reactiveMarkers,
  unconcludedMarkers,
  verifiedBySecondPerson,
} from './donation-testing.rules';

type Events = DonationTestingEvent[];

const requireInTesting = (state: DonationTesting, din: string): DonationTesting & { donorId: string } => {
  if (state.status === 'Concluded') throw new TestingAlreadyConcluded(din);
  if (state.status !== 'InTesting' || state.donorId === null) throw new SampleNotReceived(din);
  return state as DonationTesting & { donorId: string };
};

export const receiveSample = (cmd: ReceiveSample, state: DonationTesting): Events => {
  if (state.status === 'Concluded') throw new TestingAlreadyConcluded(cmd.din);
  if (state.status === 'InTesting') throw new SampleAlreadyReceived(cmd.din);
  if (Date.parse(cmd.receivedAt) < Date.parse(cmd.donation.collectedAt)) {
    throw new SampleReceivedBeforeCollection(cmd.din, cmd.donation.collectedAt, cmd.receivedAt);
  }
  return [
    {
      type: 'SampleReceived',
      data: {
        din: cmd.din,
        donorId: cmd.donation.donorId,
        collectedAt: cmd.donation.collectedAt,
        labSiteId: cmd.labSiteId,
        labType: cmd.labType,
        transportMinutes: cmd.transportMinutes,
        condition: cmd.condition,
        receivedAt: cmd.receivedAt,
      },
    },
  ];
};

export const recordBloodGroup = (cmd: RecordBloodGroup, state: DonationTesting): Events => {
  requireInTesting(state, cmd.din);
  const { din, forward, reverse, rhd, method, reagentLot, determinedAt } = cmd;
  const determined: DonationTestingEvent = {
    type: 'BloodGroupDetermined',
    data: { din, forward, reverse, rhd, method, reagentLot, determinedAt },
  };
  const finding = assessDetermination(state.group, forward, reverse, rhd, cmd.historicalGroup);
  switch (finding.kind) {
    case 'FORWARD_REVERSE':
      return [
        determined,
        {
          type: 'BloodGroupDiscrepancyFound',
          data: { din, kind: finding.kind, forward, reverse, rhd, foundAt: determinedAt },
        },
      ];
    case 'DONOR_HISTORY':
    case 'DETERMINATIONS_DISAGREE':
      return [
        determined,
        {
          type: 'BloodGroupDiscrepancyFound',
          data: {
            din,
            kind: finding.kind,
            forward,
            reverse,
            rhd,
            expected: finding.expected,
            foundAt: determinedAt,
          },
        },
      ];
    case 'CONFIRMED':
      return [
        determined,
        {
          type: 'BloodGroupConfirmed',
          data: { din, bloodGroup: finding.group, basis: finding.basis, confirmedAt: determinedAt },
        },
      ];
    case 'AGREES_WITH_CONFIRMED':
    case 'AWAITING_SECOND':
      return [determined];
    default: {
      const _exhaustive: never = finding;
      return [];
    }
  }
};

export const recordAntibodyScreen = (cmd: RecordAntibodyScreen, state: DonationTesting): Events => {
  requireInTesting(state, cmd.din);
  const antibodies = cmd.identifiedAntibodies ?? [];
  if (cmd.result === 'NEGATIVE' && antibodies.length > 0) throw new AntibodiesWithNegativeScreen();
  return [
    {
      type: 'AntibodyScreenRecorded',
      data: {
        din: cmd.din,
        result: cmd.result,
        ...(antibodies.length > 0 ? { identifiedAntibodies: antibodies } : {}),
        method: cmd.method,
        reagentLot: cmd.reagentLot,
        testedAt: cmd.testedAt,
      },
    },
  ];
};

export const recordPhenotype = (cmd: RecordPhenotype, state: DonationTesting): Events => {
  requireInTesting(state, cmd.din);
  const conflicts = conflictingAntigens(state.phenotype, cmd.phenotype);
  if (conflicts.length > 0) throw new PhenotypeConflict(conflicts);
  const { din, phenotype, method, reagentLot, testedAt } = cmd;
  return [{ type: 'PhenotypeRecorded', data: { din, phenotype, method, reagentLot, testedAt } }];
};

const allowedMethods = (marker: Marker, profile: LaboratoryProfile): readonly ScreeningMethod[] => {
  const rule = profile.markers[marker];
  if (!rule) throw new MarkerNotInProfile(marker, profile.id);
  if (rule.kind === 'CHEMISTRY') return rule.methods;
  const serology = rule.strategies.flatMap((s) => s.serologyMethods);
  const nat: ScreeningMethod[] = rule.strategies.some((s) => s.nat) ? ['NAT_SINGLE', 'NAT_POOLED'] : [];
  return [...new Set<ScreeningMethod>([...serology, ...nat])];
};

const interpretationOf = (
  marker: Marker,
  profile: LaboratoryProfile,
  value: number | undefined,
  stated: Interpretation | undefined,
): Interpretation => {
  const rule = profile.markers[marker];
  if (!rule) throw new MarkerNotInProfile(marker, profile.id);
  if (rule.kind === 'CHEMISTRY') {
    if (value === undefined)
      throw new ResultIncomplete('LAB.VALUE_REQUIRED', `${marker} needs a value in ${rule.unit}`);
    const computed = chemistryInterpretation(value, rule);
    if (stated !== undefined && stated !== computed) {
      throw new InterpretationContradictsLimit(marker, value, rule.upperLimit, stated);
    }
    return computed;
  }
  if (stated === undefined) {
    throw new ResultIncomplete('LAB.INTERPRETATION_REQUIRED', `${marker} needs an interpretation`);
  }
  return stated;
};

export const recordMarkerResult = (cmd: RecordMarkerResult, state: DonationTesting): Events => {
  requireInTesting(state, cmd.din);
  const allowed = allowedMethods(cmd.marker, cmd.profile);
  if (!allowed.includes(cmd.method)) throw new MethodNotAllowed(cmd.marker, cmd.method, allowed);
  if (cmd.method === 'NAT_POOLED' && !cmd.poolId) {
    throw new ResultIncomplete('LAB.POOL_ID_REQUIRED', 'A pooled NAT result names its pool');
  }
  const interpretation = interpretationOf(cmd.marker, cmd.profile, cmd.value, cmd.interpretation);
  const key = kitKey(cmd.method, cmd.reagent.manufacturer);
  const kit = kitsFor(state.results, cmd.marker).find((k) => k.key === key);
  const chemistryDone =
    cmd.profile.markers[cmd.marker]?.kind === 'CHEMISTRY' &&
    state.results.some((r) => r.marker === cmd.marker);
  if (chemistryDone || (kit && !kitAcceptsResult(kit.interpretations))) {
    throw new KitAlreadyConcluded(cmd.marker, key);
  }
  const data: MarkerResultRecorded = {
    din: cmd.din,
    resultId: cmd.resultId,
    marker: cmd.marker,
    method: cmd.method,
    reagent: cmd.reagent,
    interpretation,
    testRole: kit ? 'RETEST' : 'INITIAL',
    testedAt: cmd.testedAt,
  };
  if (cmd.instrument !== undefined) data.instrument = cmd.instrument;
  if (cmd.value !== undefined) data.value = cmd.value;
  if (isNat(cmd.method) && cmd.poolId) data.poolId = cmd.poolId;
  return [{ type: 'MarkerResultRecorded', data }];
};

export const recordConfirmatoryResult = (cmd: RecordConfirmatoryResult, state: DonationTesting): Events => {
  if (state.donorId === null || state.status === 'NotReceived') throw new SampleNotReceived(cmd.din);
  const check = confirmatoryApplies(state, cmd.marker, cmd.profile);
  if (!check.applies) throw new ConfirmatoryNotApplicable(cmd.marker, check.reason);
  const { din, marker, method, reagent, result, testedAt } = cmd;
  const events: Events = [
    { type: 'ConfirmatoryResultRecorded', data: { din, marker, method, reagent, result, testedAt } },
  ];
  if (result === 'POSITIVE' && !state.confirmedPositive.includes(marker)) {
    events.push({
      type: 'DonorConfirmedPositive',
      data: { din, donorId: state.donorId, marker, confirmedAt: testedAt },
    });
  }
  return events;
};

const outcomeAfter = (
  state: DonationTesting,
  profile: LaboratoryProfile,
): { outcome: Outcome; reasons: string[] } => {
  const reasons = [
    ...reactiveMarkers(state, profile),
    ...unconcludedMarkers(state, profile).map((m) => `${m.test}_NOT_CONCLUDED`),
  ];
  return { outcome: reasons.length > 0 ? 'REJECTED' : 'QUALIFIED', reasons };
};

const sameReasons = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/**
 * Corrections are new events, verified by a second person (21 CFR Part 11; China 2019 records).
 * After conclusion a correction may only make the outcome safer: qualified -> rejected is amended
 * and announced (DonationRejected); a rejected donation is never released by a correction.
 */
export const correctResult = (cmd: CorrectResult, state: DonationTesting): Events => {
  if (state.status === 'NotReceived' || state.donorId === null) throw new SampleNotReceived(cmd.din);
  if (!verifiedBySecondPerson(cmd.actor.userId, cmd.verifierUserId)) throw new CorrectionNeedsSecondPerson();
  const result = state.results.find((r) => r.resultId === cmd.resultId);
  if (!result) throw new ResultNotFound(cmd.din, cmd.resultId);
  const value = cmd.value ?? result.value;
  const isChemistry = cmd.profile.markers[result.marker]?.kind === 'CHEMISTRY';
  const stated = isChemistry ? cmd.interpretation : (cmd.interpretation ?? result.interpretation);
  const interpretation = interpretationOf(result.marker, cmd.profile, value, stated);
  if (interpretation === result.interpretation && value === result.value) {
    throw new CorrectionChangesNothing(cmd.resultId);
  }
  const corrected: DonationTestingEvent = {
    type: 'ResultCorrected',
    data: {
      din: cmd.din,
      resultId: result.resultId,
      marker: result.marker,
      previous: {
        interpretation: result.interpretation,
        ...(result.value === undefined ? {} : { value: result.value }),
      },
      corrected: { interpretation, ...(value === undefined ? {} : { value }) },
      reason: cmd.reason,
      verifiedBy: cmd.verifierUserId,
      correctedAt: cmd.now,
    },
  };
  if (state.status !== 'Concluded' || !state.conclusion) return [corrected];
  const previous = state.conclusion;
  const next = outcomeAfter(evolve(state, corrected), cmd.profile);
  if (previous.outcome === 'REJECTED' && next.outcome === 'QUALIFIED') {
    throw new TestingAlreadyConcluded(
      cmd.din,
      `${cmd.din} was rejected; a correction never releases a rejected donation`,
    );
  }
  if (previous.outcome === next.outcome && sameReasons(previous.reactiveMarkers, next.reasons))
    return [corrected];
  const amended: DonationTestingEvent = {
    type: 'ConclusionAmended',
    data: {
      din: cmd.din,
      previousOutcome: previous.outcome,
      outcome: next.outcome,
      reactiveMarkers: next.reasons,
      reason: cmd.reason,
      amendedAt: cmd.now,
    },
  };
  if (previous.outcome === 'REJECTED') return [corrected, amended];
  return [
    corrected,
    amended,
    {
      type: 'DonationRejected',
      data: { din: cmd.din, donorId: state.donorId, reactiveMarkers: next.reasons, rejectedAt: cmd.now },
    },
  ];
};

/** Release only when every mandatory marker is concluded non-reactive and ABO/RhD is confirmed (DOMAIN.md rules). */
export const concludeTesting = (cmd: ConcludeTesting, state: DonationTesting): Events => {
  const testing = requireInTesting(state, cmd.din);
  const unconcluded = unconcludedMarkers(testing, cmd.profile);
  if (unconcluded.length > 0) throw new TestingIncomplete(cmd.din, unconcluded);
  const reactive = reactiveMarkers(testing, cmd.profile);
  if (reactive.length > 0) {
    return [
      {
        type: 'DonationRejected',
        data: {
          din: cmd.din,
          donorId: testing.donorId,
          reactiveMarkers: reactive,
          rejectedAt: cmd.concludedAt,
        },
      },
    ];
  }
  if (cmd.profile.antibodyScreenRequired && !testing.antibodyScreen) {
    throw new TestingIncomplete(cmd.din, [{ test: 'ANTIBODY_SCREEN', need: 'an antibody screen' }]);
  }
  if (!testing.group.confirmed) throw new BloodGroupNotConfirmed(cmd.din, testing.group.discrepancy !== null);
  const confirmed = testing.group.confirmed;
  const onRecord = cmd.groupOnRecord ?? null;
  if (onRecord && !agreesWithGroupOnRecord(confirmed, onRecord)) {
    return [
      {
        type: 'BloodGroupDiscrepancyFound',
        data: {
          din: cmd.din,
          kind: 'DONOR_HISTORY',
          forward: confirmed.abo,
          reverse: confirmed.abo,
          rhd: confirmed.rhd,
          expected: onRecord,
          foundAt: cmd.concludedAt,
        },
      },
    ];
  }
  const screen = testing.antibodyScreen;
  const testedAt = testing.results
    .map((r) => r.testedAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1);
  return [
    {
      type: 'DonationQualified',
      data: {
        din: cmd.din,
        donorId: testing.donorId,
        bloodGroup: testing.group.confirmed,
        ...(Object.keys(testing.phenotype).length > 0 ? { phenotype: testing.phenotype } : {}),
        ...(screen
          ? {
              antibodyScreen: {
                result: screen.result,
                ...(screen.identifiedAntibodies ? { identifiedAntibodies: screen.identifiedAntibodies } : {}),
              },
            }
          : {}),
        qualifiedAt: cmd.concludedAt,
        ...(testedAt === undefined ? {} : { testedAt }),
      },
    },
  ];
};

/** The business time a command states for its fact, and the request field naming it. */
const statedTimeOf = (command: DonationTestingCommand): { field: string; at: string } | null => {
  switch (command.type) {
    case 'ReceiveSample':
      return { field: 'receivedAt', at: command.receivedAt };
    case 'RecordBloodGroup':
      return { field: 'determinedAt', at: command.determinedAt };
    case 'RecordAntibodyScreen':
    case 'RecordPhenotype':
    case 'RecordMarkerResult':
    case 'RecordConfirmatoryResult':
      return { field: 'testedAt', at: command.testedAt };
    case 'ConcludeTesting':
      return { field: 'concludedAt', at: command.concludedAt };
    case 'CorrectResult':
      return null;
    default: {
      const _exhaustive: never = command;
      return null;
    }
  }
};

/** ISO 15189 clause 7.3/7.4: a sample is tested after it arrives, and a conclusion follows the results it rests on. */
export const businessTimesFollowTheirFacts = (
  command: DonationTestingCommand,
  state: DonationTesting,
  stated: { field: string; at: string },
): void => {
  if (command.type === 'ReceiveSample' || command.type === 'CorrectResult') return;
  const receivedAt = state.samples[0]?.receivedAt;
  if (receivedAt !== undefined && !notBefore(stated.at, receivedAt)) {
    throw new BusinessTimesOutOfOrder(
      'LAB',
      `${stated.field} ${stated.at} is before the sample was received`,
      {
        field: stated.field,
        [stated.field]: stated.at,
        receivedAt,
      },
    );
  }
  if (
    command.type === 'ConcludeTesting' &&
    state.latestResultAt !== undefined &&
    !notBefore(stated.at, state.latestResultAt)
  ) {
    throw new BusinessTimesOutOfOrder('LAB', `concludedAt ${stated.at} is before the latest result`, {
      field: 'concludedAt',
      concludedAt: stated.at,
      latestResultAt: state.latestResultAt,
    });
  }
};

const withLateEntry = (events: Events, lateEntry: LateEntry | undefined): Events => {
  if (!lateEntry || events.length === 0) return events;
  const [first, ...rest] = events;
  return [{ ...first, data: { ...first.data, lateEntry } } as DonationTestingEvent, ...rest];
};

/** Every stated time is checked (not in the future, a late entry gives its reason), then the command is decided. */
export const decide = (command: DonationTestingCommand, state: DonationTesting): Events => {
  const stated = statedTimeOf(command);
  if (!stated) return decideOnTime(command, state);
  const lateEntry = lateEntryOf({
    context: 'LAB',
    field: stated.field,
    occurredAt: stated.at,
    now: command.now,
    lateEntryReason: command.lateEntryReason,
    policy: command.timePolicy,
  });
  const events = decideOnTime(command, state);
  businessTimesFollowTheirFacts(command, state, stated);
  return withLateEntry(events, lateEntry);
};

const decideOnTime = (command: DonationTestingCommand, state: DonationTesting): Events => {
  switch (command.type) {
    case 'ReceiveSample':
      return receiveSample(command, state);
    case 'RecordBloodGroup':
      return recordBloodGroup(command, state);
    case 'RecordAntibodyScreen':
      return recordAntibodyScreen(command, state);
    case 'RecordPhenotype':
      return recordPhenotype(command, state);
    case 'RecordMarkerResult':
      return recordMarkerResult(command, state);
    case 'RecordConfirmatoryResult':
      return recordConfirmatoryResult(command, state);
    case 'CorrectResult':
      return correctResult(command, state);
    case 'ConcludeTesting':
      return concludeTesting(command, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

export const donationTestingDecider: Decider<DonationTestingCommand, DonationTestingEvent, DonationTesting> =
  {
    initialState: initialDonationTesting,
    decide,
    evolve,
  };
