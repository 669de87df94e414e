import { describe, expect, it } from 'vitest';
import { IDLE_BACKOFF, idleSleepMs } from '../../src/jobs/workers.js';

describe('the idle polling of a queue', () => {
  it('doubles while the queue stays empty, up to eight intervals', () => {
    const sleeps: number[] = [];
    let last = 1_000;
    let eager = true;
    for (let i = 0; i < 7; i++) {
      last = idleSleepMs(last, 1_000, eager);
      eager = false;
      sleeps.push(last);
    }
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
    expect(IDLE_BACKOFF).toBe(8);
  });

  it('starts again at one interval after a wake, a job found or a failure', () => {
    expect(idleSleepMs(8_000, 1_000, true)).toBe(1_000);
    expect(idleSleepMs(16_000, 2_000, true)).toBe(2_000);
    expect(idleSleepMs(2_000, 2_000, false)).toBe(4_000);
    expect(idleSleepMs(16_000, 2_000, false)).toBe(16_000);
  });
});
