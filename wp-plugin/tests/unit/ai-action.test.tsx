import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AIAction } from '../../src/common/ai-action';
import { service } from '../../src/common/api';
import { Notices } from '../../src/common/notices';
import { answer, envelope, noticeContents, reset, seen, WpError } from './support/wordpress';

const RUN = '33333333-3333-4333-8333-333333333333';

function run(progress: number, status: string, phase: string, message: string, error: string | null = null) {
  return envelope({ id: RUN, function: 'auto_cluster', status, phase, progress, message, error, result: null });
}

/** Answers the run's polls with the current state of a script; the test moves it on. */
function script(...states: ReturnType<typeof run>[]) {
  let i = 0;
  answer({ [`GET service/ai/runs/${RUN}`]: () => states[i] });
  return { next: () => (i = Math.min(i + 1, states.length - 1)) };
}

/** The progress line as a user reads it. */
const line = (text: string) => screen.findByText((_, el) => el?.tagName === 'P' && el.textContent === text);

function renderAction(onEnded = vi.fn(), credits = 4) {
  render(
    <>
      <Notices />
      <AIAction
        summary="Group 120 keywords into clusters."
        credits={credits}
        startLabel="Cluster"
        start={() => service('planner/keywords/auto-cluster', { method: 'POST', data: { sector_id: 's' } })}
        succeeded={() => 'Keywords clustered.'}
        onEnded={onEnded}
        onClose={() => {}}
        pollMs={5}
      />
    </>,
  );
  return onEnded;
}

beforeEach(reset);
afterEach(cleanup);

describe('an AI action', () => {
  it('says what it will cost before anything starts, and starts nothing until asked', async () => {
    renderAction(undefined, 4);
    expect(screen.getByText('This will use 4 credits.')).toBeTruthy();
    expect(screen.getByText('Group 120 keywords into clusters.')).toBeTruthy();
    expect(seen('POST service/planner/keywords/auto-cluster')).toHaveLength(0);
  });

  it('follows the run with a progress bar, phase and message up to 100 %, then says it is done', async () => {
    answer({ 'POST service/planner/keywords/auto-cluster': envelope({ run_id: RUN }) });
    const runs = script(run(10, 'running', 'PREP', 'Reading 120 keywords'), run(55, 'running', 'AI_CALL', 'Naming clusters'), run(100, 'succeeded', 'DONE', 'Made 9 clusters'));
    const onEnded = renderAction();
    await userEvent.click(screen.getByRole('button', { name: 'Cluster' }));

    await line('Preparing · 10% — Reading 120 keywords');
    expect(onEnded).not.toHaveBeenCalled();
    runs.next();
    await line('Asking the AI · 55% — Naming clusters');
    runs.next();
    await line('Done · 100% — Made 9 clusters');
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('value') ?? bar.getAttribute('aria-valuenow')).toBe('100');
    await waitFor(() => expect(noticeContents()).toContain('Keywords clustered.'));
    await waitFor(() => expect(onEnded).toHaveBeenCalledTimes(1));
    expect(seen('POST service/planner/keywords/auto-cluster')[0]!.data).toEqual({ sector_id: 's' });
  });

  it('shows a failed run in a notice, with the reason', async () => {
    answer({ 'POST service/planner/keywords/auto-cluster': envelope({ run_id: RUN }) });
    const runs = script(run(30, 'running', 'AI_CALL', 'Asking'), run(30, 'failed', 'AI_CALL', 'Failed', 'The AI provider refused the API key.'));
    const onEnded = renderAction();
    await userEvent.click(screen.getByRole('button', { name: 'Cluster' }));
    await line('Asking the AI · 30% — Asking');
    runs.next();
    await waitFor(() => expect(noticeContents()).toContain('The AI provider refused the API key.'));
    expect(onEnded).toHaveBeenCalledTimes(1);
    expect(noticeContents()).not.toContain('Keywords clustered.');
  });

  it('answers insufficient credits with the balance and what is missing, and runs nothing', async () => {
    answer({
      'POST service/planner/keywords/auto-cluster': new WpError('insufficient_credits', 'This needs 4 credits; the account has 1.', { status: 402, balance: 1, required: 4 }),
    });
    renderAction();
    await userEvent.click(screen.getByRole('button', { name: 'Cluster' }));
    await waitFor(() => expect(noticeContents()[0]).toMatch(/^Not enough credits: this needs 4, the account has 1 \(3 missing\)/));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(requests_to_runs()).toBe(0);
    // The user may try again (after buying credits): the start button is still there.
    expect(screen.getByRole('button', { name: 'Cluster' })).toBeTruthy();
  });

  it('stops polling and says so when the run can no longer be read', async () => {
    answer({ 'POST service/planner/keywords/auto-cluster': envelope({ run_id: RUN }) });
    answer({ [`GET service/ai/runs/${RUN}`]: new WpError('not_found', 'No such run.', { status: 404 }) });
    renderAction();
    await userEvent.click(screen.getByRole('button', { name: 'Cluster' }));
    await waitFor(() => expect(noticeContents()).toContain('No such run.'));
    const polls = seen(`GET service/ai/runs/${RUN}`).length;
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(seen(`GET service/ai/runs/${RUN}`)).toHaveLength(polls);
  });
});

function requests_to_runs() {
  return seen(`GET service/ai/runs/${RUN}`).length;
}
