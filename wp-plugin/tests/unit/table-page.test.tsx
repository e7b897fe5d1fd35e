import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeywordsScreen } from '../../src/admin/keywords/screen';
import { Shell } from '../../src/common/mount';
import { answer, noticeContents, page, page_config, requests, reset, SECTOR, siteWithSector, type Request } from './support/wordpress';

function keyword(i: number) {
  return { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, keyword: `rose care ${i}`, volume: 1000 - i, difficulty: 20, cpc: 1.5, intent: 'informational', status: 'new', cluster_id: null, cluster_locked: false };
}

const lists = () => requests.filter((r) => r.method === 'GET' && r.path === 'service/planner/keywords');
const last = (): Request => lists().at(-1)!;

beforeEach(() => {
  reset();
  window.localStorage.clear();
  page_config();
  siteWithSector();
  answer({ 'GET service/planner/clusters': page([]) });
});
afterEach(cleanup);

describe('the table page', () => {
  it('asks the server for the sector’s first page, sorted as shown, and pages on the server', async () => {
    // Three rows a page keep the render quick; the count says there are three pages of 20.
    answer({ 'GET service/planner/keywords': (req: Request) => page([0, 1, 2].map((i) => keyword(i + (Number(req.query.get('page')) - 1) * 20)), 45) });
    render(<Shell><KeywordsScreen /></Shell>);
    await screen.findByText('rose care 0');
    expect(Object.fromEntries(last().query)).toMatchObject({ sector_id: SECTOR.id, page: '1', page_size: '20', ordering: '-volume' });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('rose care 20');
    expect(last().query.get('page')).toBe('2');
    expect(screen.queryByText('rose care 0')).toBeNull();
  });

  it('sends the search to the server', async () => {
    answer({ 'GET service/planner/keywords': (req: Request) => page(req.query.get('search') ? [keyword(7)] : [keyword(1), keyword(7)]) });
    render(<Shell><KeywordsScreen /></Shell>);
    await screen.findByText('rose care 1');
    await userEvent.type(screen.getByRole('searchbox'), 'care 7');
    await waitFor(() => expect(last().query.get('search')).toBe('care 7'));
    await waitFor(() => expect(screen.queryByText('rose care 1')).toBeNull());
    expect(screen.getByText('rose care 7')).toBeTruthy();
  });

  it('says what to do next when the sector has no keywords', async () => {
    answer({ 'GET service/planner/keywords': page([]) });
    render(<Shell><KeywordsScreen /></Shell>);
    await screen.findByText(/No keywords here yet\. Import a CSV/);
    expect(screen.getAllByRole('button', { name: 'Import CSV' }).length).toBeGreaterThan(0);
  });

  it('shows a list the service refused, with a way to try again', async () => {
    let fail = true;
    answer({
      'GET service/planner/keywords': () => {
        if (fail) throw { code: 'igny8_service_unreachable', message: 'The IGNY8 service cannot be reached: timeout', data: { status: 502 } };
        return page([keyword(3)]);
      },
    });
    render(<Shell><KeywordsScreen /></Shell>);
    await waitFor(() => expect(noticeContents()).toContain('The IGNY8 service cannot be reached: timeout'));
    expect(screen.queryByText('rose care 3')).toBeNull();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('rose care 3');
  });

  it('sends a site that is not connected to the settings screen', async () => {
    window.igny8 = { ...window.igny8, connected: false };
    render(<Shell><KeywordsScreen /></Shell>);
    expect(screen.getByText('This site is not connected to IGNY8 yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Connect it in Settings' }).getAttribute('href')).toBe('/wp-admin/admin.php?page=igny8-settings');
    expect(requests).toHaveLength(0);
  });
});
