import { describe, expect, it } from 'vitest';
import { INITIAL_SWITCHING_STATE, nextSwitchingState, reinstatedState, type SwitchingState } from '../../src/domain/quality/switching.js';

const accepted = { accepted: true, acceptNumber: 1, acceptedAtTighterAql: true, productionSteady: true };
const rejected = { accepted: false, acceptNumber: 1, acceptedAtTighterAql: false, productionSteady: true };
const acceptedButDelayed = { ...accepted, productionSteady: false };

function run(lots: boolean[], reducedAllowed = false, from: SwitchingState = INITIAL_SWITCHING_STATE): SwitchingState[] {
  const states: SwitchingState[] = [];
  let state = from;
  for (const ok of lots) {
    state = nextSwitchingState(state, ok ? accepted : rejected, reducedAllowed);
    states.push(state);
  }
  return states;
}

const severities = (states: SwitchingState[]) => states.map((s) => (s.discontinued ? 'DISCONTINUED' : s.severity));

describe('ISO 2859-1 switching rules', () => {
  it('go from normal to tightened when 2 of 5 or fewer consecutive lots are not accepted', () => {
    expect(severities(run([false, false]))).toEqual(['NORMAL', 'TIGHTENED']);
    expect(severities(run([false, true, true, true, false]))).toEqual(['NORMAL', 'NORMAL', 'NORMAL', 'NORMAL', 'TIGHTENED']);
    // Six lots apart: never two in the same five.
    expect(severities(run([false, true, true, true, true, false]))).toEqual(Array(6).fill('NORMAL'));
  });

  it('go back from tightened to normal after 5 consecutive accepted lots, counting afresh after a rejection', () => {
    const tightened = { ...INITIAL_SWITCHING_STATE, severity: 'TIGHTENED' as const };
    expect(severities(run([true, true, true, true, true], false, tightened))).toEqual(['TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'NORMAL']);
    expect(severities(run([true, true, true, true, false, true, true, true, true, true], false, tightened)).at(-1)).toBe('NORMAL');
    expect(severities(run([true, true, true, true, false, true, true, true, true], false, tightened)).at(-1)).toBe('TIGHTENED');
  });

  it('discontinue inspection when 5 lots in all are not accepted on tightened inspection, and stay there until reinstated', () => {
    const tightened = { ...INITIAL_SWITCHING_STATE, severity: 'TIGHTENED' as const };
    const states = run([false, true, false, true, true, false, false, true, false], false, tightened);
    expect(severities(states)).toEqual(['TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'TIGHTENED', 'DISCONTINUED']);
    expect(nextSwitchingState(states.at(-1)!, accepted, true)).toEqual(states.at(-1));
    expect(reinstatedState()).toEqual({ ...INITIAL_SWITCHING_STATE, severity: 'TIGHTENED' });
  });

  it('add 2 to the switching score per accepted lot when Ac is 0 or 1, and reset it on a lot not accepted', () => {
    const states = run([true, true, true, false, true]);
    expect(states.map((s) => s.switchingScore)).toEqual([2, 4, 6, 0, 2]);
  });

  it('add 3 when Ac is 2 or more and the lot passes one AQL step tighter, else reset the score', () => {
    let state = INITIAL_SWITCHING_STATE;
    state = nextSwitchingState(state, { accepted: true, acceptNumber: 3, acceptedAtTighterAql: true, productionSteady: true }, false);
    state = nextSwitchingState(state, { accepted: true, acceptNumber: 3, acceptedAtTighterAql: true, productionSteady: true }, false);
    expect(state.switchingScore).toBe(6);
    state = nextSwitchingState(state, { accepted: true, acceptNumber: 3, acceptedAtTighterAql: false, productionSteady: true }, false);
    expect(state.switchingScore).toBe(0);
  });

  it('go from normal to reduced at a switching score of 30, only when reduced inspection is allowed', () => {
    expect(severities(run(Array(15).fill(true), false)).at(-1)).toBe('NORMAL');
    expect(run(Array(15).fill(true), false).at(-1)!.switchingScore).toBe(30);
    const allowed = severities(run(Array(15).fill(true), true));
    expect(allowed.slice(13)).toEqual(['NORMAL', 'REDUCED']);
    expect(allowed.indexOf('REDUCED')).toBe(14);
  });

  it('go back from reduced to normal on any lot not accepted, with the score starting again at 0', () => {
    const reduced = { ...INITIAL_SWITCHING_STATE, severity: 'REDUCED' as const };
    const states = run([true, true, false], true, reduced);
    expect(severities(states)).toEqual(['REDUCED', 'REDUCED', 'NORMAL']);
    expect(states.at(-1)).toEqual(INITIAL_SWITCHING_STATE);
  });

  it('go from normal to reduced only while production is steady: a delayed delivery holds the switch', () => {
    let state = run(Array(14).fill(true), true).at(-1)!;
    expect(state.switchingScore).toBe(28);
    state = nextSwitchingState(state, acceptedButDelayed, true);
    expect(state).toMatchObject({ severity: 'NORMAL', switchingScore: 30 });
    expect(nextSwitchingState(state, accepted, true).severity).toBe('REDUCED');
  });

  it('go back from reduced to normal when production becomes irregular or delayed, though the lot is accepted', () => {
    const reduced = { ...INITIAL_SWITCHING_STATE, severity: 'REDUCED' as const };
    expect(nextSwitchingState(reduced, accepted, true)).toEqual(reduced);
    expect(nextSwitchingState(reduced, acceptedButDelayed, true)).toEqual(INITIAL_SWITCHING_STATE);
  });
});
