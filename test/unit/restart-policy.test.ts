import { describe, expect, it } from 'vitest';
import { RestartPolicy } from '../../client/src/restart-policy.js';

describe('server restart policy', () => {
  it('restarts quietly, then stops with exactly one message instead of looping', () => {
    let now = 0;
    const policy = new RestartPolicy(3, 60_000, () => now);
    const decisions = Array.from({ length: 6 }, () => {
      now += 1000;
      return policy.onClosed();
    });
    expect(decisions.map((d) => d.action)).toEqual(['restart', 'restart', 'restart', 'stop', 'stop', 'stop']);
    expect(decisions.filter((d) => d.message)).toHaveLength(1);
    expect(decisions[3].message).toContain('IME: Restart server');
  });

  it('forgets crashes outside the window, and a manual restart starts afresh', () => {
    let now = 0;
    const policy = new RestartPolicy(1, 60_000, () => now);
    expect(policy.onClosed().action).toBe('restart');
    now += 120_000;
    expect(policy.onClosed().action).toBe('restart');
    expect(policy.onClosed().action).toBe('stop');
    policy.reset();
    expect(policy.onClosed().action).toBe('restart');
  });
});
