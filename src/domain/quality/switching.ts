import type { InspectionSeverity } from './sampling.js';

/**
 * ISO 2859-1 switching rules, per supplier and part, applied to each lot as it is decided:
 *
 * - normal -> tightened when 2 of 5 or fewer consecutive lots are not accepted;
 * - tightened -> normal after 5 consecutive accepted lots;
 * - discontinued when 5 lots in all are not accepted while on tightened inspection: deliveries of the
 *   part are refused until quality staff reinstate inspection, which resumes at tightened;
 * - normal -> reduced when the switching score reaches 30, production is steady, and quality staff
 *   allow reduced inspection for the supplier (the responsible authority's approval);
 * - reduced -> normal on any lot that is not accepted, when production becomes irregular or delayed,
 *   or when quality staff withdraw the permission ("other conditions", switching-service.ts).
 *
 * Production counts as steady for a lot when its delivery arrived without a DELAYED event: the
 * record of the supplier's production this server holds.
 *
 * The switching score starts at 0 with normal inspection. After each accepted lot under normal
 * inspection it gains 2 when the plan's Ac is 0 or 1, or 3 when Ac is 2 or more and the lot would
 * also have been accepted at the AQL one step tighter (else it goes back to 0); a lot that is not
 * accepted sets it back to 0.
 */
export interface SwitchingState {
  severity: InspectionSeverity;
  discontinued: boolean;
  switchingScore: number;
  /** Results of the last lots under normal inspection, newest last, at most 4: true = accepted. */
  recentNormal: boolean[];
  /** Consecutive accepted lots under tightened inspection. */
  acceptedInARow: number;
  /** Lots not accepted since tightened inspection began. */
  notAcceptedOnTightened: number;
}

export const INITIAL_SWITCHING_STATE: SwitchingState = { severity: 'NORMAL', discontinued: false, switchingScore: 0, recentNormal: [], acceptedInARow: 0, notAcceptedOnTightened: 0 };

export const SWITCH_TO_REDUCED_SCORE = 30;
export const TIGHTENED_RELEASE_LOTS = 5;
export const DISCONTINUE_AFTER_NOT_ACCEPTED = 5;

export interface DecidedLot {
  accepted: boolean;
  /** The plan's acceptance number. */
  acceptNumber: number;
  /** Whether the defects found are within Ac of the plan one AQL step tighter. */
  acceptedAtTighterAql: boolean;
  /** Whether production was steady: the lot's delivery was never reported DELAYED. */
  productionSteady: boolean;
}

const start = (severity: InspectionSeverity): SwitchingState => ({ ...INITIAL_SWITCHING_STATE, severity });

/** The state after a decided lot; `reducedAllowed` is the supplier's permission for reduced inspection. */
export function nextSwitchingState(state: SwitchingState, lot: DecidedLot, reducedAllowed: boolean): SwitchingState {
  if (state.discontinued) return state;
  switch (state.severity) {
    case 'NORMAL': {
      const window = [...state.recentNormal, lot.accepted];
      if (window.filter((accepted) => !accepted).length >= 2) return start('TIGHTENED');
      const switchingScore = !lot.accepted ? 0 : lot.acceptNumber <= 1 ? state.switchingScore + 2 : lot.acceptedAtTighterAql ? state.switchingScore + 3 : 0;
      if (switchingScore >= SWITCH_TO_REDUCED_SCORE && reducedAllowed && lot.productionSteady) return start('REDUCED');
      return { ...state, switchingScore, recentNormal: window.slice(-4) };
    }
    case 'TIGHTENED': {
      if (lot.accepted) {
        const acceptedInARow = state.acceptedInARow + 1;
        return acceptedInARow >= TIGHTENED_RELEASE_LOTS ? start('NORMAL') : { ...state, acceptedInARow };
      }
      const notAcceptedOnTightened = state.notAcceptedOnTightened + 1;
      return { ...state, acceptedInARow: 0, notAcceptedOnTightened, discontinued: notAcceptedOnTightened >= DISCONTINUE_AFTER_NOT_ACCEPTED };
    }
    case 'REDUCED':
      return lot.accepted && lot.productionSteady ? state : start('NORMAL');
  }
}

/** Quality staff resume a discontinued inspection: at tightened inspection, counting afresh. */
export function reinstatedState(): SwitchingState {
  return start('TIGHTENED');
}

/** What changed between two states, for the activity log; null when nothing a user would notice. */
export function describeSwitch(before: SwitchingState, after: SwitchingState): string | null {
  if (!before.discontinued && after.discontinued) return `inspection discontinued after ${after.notAcceptedOnTightened} lots not accepted on tightened inspection`;
  if (before.severity !== after.severity) return `inspection switched from ${before.severity} to ${after.severity}`;
  return null;
}
