import type { BloodGroup, Marker, Phenotype } from '@hemotrace/kernel';
import type {
  ChemistryMarkerRule,
  InfectiousMarkerRule,
  LaboratoryProfile,
  ScreeningMethod,
  ScreeningStrategy,
} from '../profiles';
import type { Interpretation } from './donation-testing.events';
import type { DonationTesting, GroupState, MarkerResult } from './donation-testing.state';

export type KitStatus = 'NON_REACTIVE' | 'INITIALLY_REACTIVE' | 'REPEAT_REACTIVE';
export type MarkerStatus = 'NOT_TESTED' | 'PENDING' | 'NON_REACTIVE' | 'REACTIVE';

export interface Kit {
  key: string;
  method: ScreeningMethod;
  manufacturer: string;
  interpretations: Interpretation[];
}

export interface MissingTest {
  test: Marker | 'ABO_RHD' | 'ANTIBODY_SCREEN';
  need: string;
}

const NAT_METHODS: readonly ScreeningMethod[] = ['NAT_SINGLE', 'NAT_POOLED'];
export const isNat = (method: ScreeningMethod): boolean => NAT_METHODS.includes(method);

const sameMaker = (manufacturer: string): string => manufacturer.trim().toUpperCase();

/** Pooled NAT is resolved with the same NAT reagent on the single donation, so both count as one kit. */
export const kitKey = (method: ScreeningMethod, manufacturer: string): string =>
  `${isNat(method) ? 'NAT' : method}/${sameMaker(manufacturer)}`;

/** China 2019 blood testing: a grey-zone (indeterminate) result is handled as reactive. */
export const isReactive = (interpretation: Interpretation): boolean => interpretation !== 'NON_REACTIVE';

/**
 * China 2019 blood testing; 21 CFR 610.40(b): an initially reactive result is retested in duplicate
 * with the same kit; repeat reactive if either retest is reactive, non-reactive if both are not.
 */
export const kitStatus = (interpretations: readonly Interpretation[]): KitStatus => {
  const [initial, ...retests] = interpretations;
  if (initial === undefined || !isReactive(initial)) return 'NON_REACTIVE';
  if (retests.slice(0, 2).some(isReactive)) return 'REPEAT_REACTIVE';
  return retests.length < 2 ? 'INITIALLY_REACTIVE' : 'NON_REACTIVE';
};

export const kitsFor = (results: readonly MarkerResult[], marker: Marker): Kit[] => {
  const kits: Kit[] = [];
  for (const r of results.filter((x) => x.marker === marker)) {
    const key = kitKey(r.method, r.reagent.manufacturer);
    const kit = kits.find((k) => k.key === key);
    if (kit) kit.interpretations.push(r.interpretation);
    else
      kits.push({
        key,
        method: r.method,
        manufacturer: sameMaker(r.reagent.manufacturer),
        interpretations: [r.interpretation],
      });
  }
  return kits;
};

/** China 2019: two ELISA kits must be of different manufacturers; one maker's two kits count once. */
export const strategyIsSatisfied = (
  strategy: ScreeningStrategy,
  nonReactiveKits: readonly Kit[],
): boolean => {
  const serology = nonReactiveKits.filter((k) =>
    (strategy.serologyMethods as readonly ScreeningMethod[]).includes(k.method),
  );
  const serologyCount = strategy.distinctManufacturers
    ? new Set(serology.map((k) => k.manufacturer)).size
    : serology.length;
  const natDone = nonReactiveKits.some((k) => isNat(k.method));
  return serologyCount >= strategy.serologyKits && (!strategy.nat || natDone);
};

const describeStrategy = (s: ScreeningStrategy): string =>
  [
    s.serologyKits > 0
      ? `${s.serologyKits} ${s.serologyMethods.join('/')} kit(s)${s.distinctManufacturers ? ' from different manufacturers' : ''}`
      : '',
    s.nat ? 'NAT' : '',
  ]
    .filter(Boolean)
    .join(' + ');

export interface MarkerAssessment {
  status: MarkerStatus;
  need?: string;
}

export const assessInfectiousMarker = (
  results: readonly MarkerResult[],
  marker: Marker,
  rule: InfectiousMarkerRule,
): MarkerAssessment => {
  const kits = kitsFor(results, marker);
  if (kits.length === 0)
    return { status: 'NOT_TESTED', need: rule.strategies.map(describeStrategy).join(' or ') };
  const statuses = kits.map((k) => ({ kit: k, status: kitStatus(k.interpretations) }));
  if (statuses.some((s) => s.status === 'REPEAT_REACTIVE')) return { status: 'REACTIVE' };
  const awaiting = statuses.filter((s) => s.status === 'INITIALLY_REACTIVE');
  if (awaiting.length > 0) {
    return {
      status: 'PENDING',
      need: `duplicate retest of initially reactive ${awaiting.map((s) => s.kit.key).join(', ')}`,
    };
  }
  const nonReactive = statuses.map((s) => s.kit);
  if (rule.strategies.some((s) => strategyIsSatisfied(s, nonReactive))) return { status: 'NON_REACTIVE' };
  return { status: 'PENDING', need: rule.strategies.map(describeStrategy).join(' or ') };
};

/** China 2019 / GB 18467: ALT above the profile's upper limit (50 U/L) makes the donation unqualified. */
export const chemistryInterpretation = (value: number, rule: ChemistryMarkerRule): Interpretation =>
  value > rule.upperLimit ? 'REACTIVE' : 'NON_REACTIVE';

export const assessChemistryMarker = (
  results: readonly MarkerResult[],
  marker: Marker,
  rule: ChemistryMarkerRule,
): MarkerAssessment => {
  const result = results.find((r) => r.marker === marker);
  if (!result)
    return {
      status: 'NOT_TESTED',
      need: `a ${rule.methods.join('/')} value (limit ${rule.upperLimit} ${rule.unit})`,
    };
  return { status: isReactive(result.interpretation) ? 'REACTIVE' : 'NON_REACTIVE' };
};

export const assessMarker = (
  results: readonly MarkerResult[],
  marker: Marker,
  profile: LaboratoryProfile,
): MarkerAssessment => {
  const rule = profile.markers[marker];
  if (!rule) return { status: 'NOT_TESTED' };
  return rule.kind === 'INFECTIOUS'
    ? assessInfectiousMarker(results, marker, rule)
    : assessChemistryMarker(results, marker, rule);
};

const testedMarkers = (state: DonationTesting, profile: LaboratoryProfile): Marker[] => [
  ...new Set([...profile.mandatoryMarkers, ...state.results.map((r) => r.marker)]),
];

/** Every marker found reactive names the donation's rejection, mandatory or not. */
export const reactiveMarkers = (state: DonationTesting, profile: LaboratoryProfile): Marker[] =>
  testedMarkers(state, profile).filter((m) => assessMarker(state.results, m, profile).status === 'REACTIVE');

/** What the screening rules read of a donation's tests: the decider's state, or a read model's view of it. */
export interface TestedDonation {
  results: readonly MarkerResult[];
  group: Pick<GroupState, 'confirmed' | 'discrepancy'>;
  antibodyScreen: object | null;
}

/** The profile's mandatory markers still short of a conclusion. */
export const unconcludedMarkers = (
  state: Pick<TestedDonation, 'results'>,
  profile: LaboratoryProfile,
): MissingTest[] =>
  profile.mandatoryMarkers.flatMap((marker) => {
    const { status, need } = assessMarker(state.results, marker, profile);
    return status === 'PENDING' || status === 'NOT_TESTED'
      ? [{ test: marker, need: need ?? 'a result' }]
      : [];
  });

/** What the worklist shows: every test still needed before the donation can qualify. */
export const missingTests = (state: TestedDonation, profile: LaboratoryProfile): MissingTest[] => {
  const missing = unconcludedMarkers(state, profile);
  if (!state.group.confirmed) {
    missing.push({
      test: 'ABO_RHD',
      need: state.group.discrepancy
        ? `a new determination resolving the ${state.group.discrepancy.kind} discrepancy`
        : 'a second concordant ABO/RhD determination',
    });
  }
  if (profile.antibodyScreenRequired && !state.antibodyScreen) {
    missing.push({ test: 'ANTIBODY_SCREEN', need: 'an antibody screen' });
  }
  return missing;
};

export const sameGroup = (a: BloodGroup, b: BloodGroup): boolean => a.abo === b.abo && a.rhd === b.rhd;

export type GroupFinding =
  | { kind: 'FORWARD_REVERSE' }
  | { kind: 'DONOR_HISTORY'; expected: BloodGroup }
  | { kind: 'DETERMINATIONS_DISAGREE'; expected: BloodGroup }
  | { kind: 'CONFIRMED'; basis: 'TWO_DETERMINATIONS' | 'DONOR_HISTORY'; group: BloodGroup }
  | { kind: 'AGREES_WITH_CONFIRMED' }
  | { kind: 'AWAITING_SECOND' };

/**
 * 21 CFR 640.5(b), China 2019 blood typing: forward and reverse ABO typing must agree; the group is
 * confirmed by agreement with the donor's historical group, or (first-time donor) by two concordant
 * determinations. Any disagreement holds the donation; determinations before a hold are set aside.
 */
export const assessDetermination = (
  group: GroupState,
  forward: BloodGroup['abo'],
  reverse: BloodGroup['abo'],
  rhd: BloodGroup['rhd'],
  history: BloodGroup | null,
): GroupFinding => {
  if (forward !== reverse) return { kind: 'FORWARD_REVERSE' };
  const determined: BloodGroup = { abo: forward, rhd };
  if (history && !sameGroup(history, determined)) return { kind: 'DONOR_HISTORY', expected: history };
  if (group.confirmed) {
    return sameGroup(group.confirmed, determined)
      ? { kind: 'AGREES_WITH_CONFIRMED' }
      : { kind: 'DETERMINATIONS_DISAGREE', expected: group.confirmed };
  }
  if (history) return { kind: 'CONFIRMED', basis: 'DONOR_HISTORY', group: determined };
  const earlier = group.determinations.at(-1);
  if (!earlier) return { kind: 'AWAITING_SECOND' };
  return sameGroup(earlier, determined)
    ? { kind: 'CONFIRMED', basis: 'TWO_DETERMINATIONS', group: determined }
    : { kind: 'DETERMINATIONS_DISAGREE', expected: earlier };
};

/**
 * 21 CFR 640.5(b), China 2019 blood typing: a donation is released only with the donor's group on
 * record. A group confirmed while the record did not have it yet (two donations of one donor tested
 * side by side) that disagrees with it by the conclusion holds the donation instead.
 */
export const agreesWithGroupOnRecord = (confirmed: BloodGroup, onRecord: BloodGroup | null): boolean =>
  onRecord === null || sameGroup(onRecord, confirmed);

/** An antigen once typed must not silently flip: a different result is a conflict to investigate. */
export const conflictingAntigens = (known: Phenotype, typed: Phenotype): string[] =>
  (Object.keys(typed) as (keyof Phenotype)[]).filter((a) => known[a] !== undefined && known[a] !== typed[a]);

/** 21 CFR Part 11 / China 2019 records: a correction is verified by a second person. */
export const verifiedBySecondPerson = (actorUserId: string, verifierUserId: string): boolean =>
  verifierUserId.trim() !== '' && verifierUserId !== actorUserId;

/** Confirmatory testing follows a repeat reactive screen of a marker the profile reports as infection. */
export const confirmatoryApplies = (
  state: DonationTesting,
  marker: Marker,
  profile: LaboratoryProfile,
): { applies: true } | { applies: false; reason: string } => {
  const rule = profile.markers[marker];
  if (!rule || rule.kind !== 'INFECTIOUS' || !rule.confirmable) {
    return { applies: false, reason: `profile ${profile.id} has no confirmatory testing for it` };
  }
  if (assessInfectiousMarker(state.results, marker, rule).status !== 'REACTIVE') {
    return { applies: false, reason: 'the screening is not repeat reactive' };
  }
  return { applies: true };
};

/** A kit takes its initial result, and after an initially reactive one exactly two retests. */
export const kitAcceptsResult = (interpretations: readonly Interpretation[]): boolean =>
  interpretations.length === 0 || (isReactive(interpretations[0]) && interpretations.length < 3);
