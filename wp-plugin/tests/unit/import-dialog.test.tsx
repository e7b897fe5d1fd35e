import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ImportDialog from '../../src/admin/keywords/import-dialog';
import { answer, envelope, noticeContents, reset, SECTOR, seen, WpError } from './support/wordpress';

const IMPORT = '44444444-4444-4444-8444-444444444444';

beforeEach(reset);
afterEach(cleanup);

async function chooseAndImport(contents: string) {
  const onImported = vi.fn();
  render(<ImportDialog sectorId={SECTOR.id} onImported={onImported} onClose={() => {}} pollMs={5} />);
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  await userEvent.upload(input, new File([contents], 'keywords.csv', { type: 'text/csv' }));
  expect(screen.getByText('keywords.csv')).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Import' }));
  return onImported;
}

describe('the CSV import', () => {
  it('sends the file to the plugin import route for the sector and reports every bad line', async () => {
    answer({
      'POST keywords/import': envelope({
        created: 2,
        updated: 1,
        skipped: 2,
        errors: [
          { line: 3, message: 'The keyword is empty.' },
          { line: 5, message: 'Volume must be a whole number, not "lots".' },
        ],
        errors_truncated: false,
        encoding: 'utf-8',
      }),
    });
    const onImported = await chooseAndImport('keyword,volume\nrose care,10\n,5\n');

    await waitFor(() => expect(noticeContents()).toContain('2 created, 1 updated, 2 skipped.'));
    const report = screen.getByRole('region', { name: 'Lines not imported' });
    const rows = within(report).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['3', 'The keyword is empty.'],
      ['5', 'Volume must be a whole number, not "lots".'],
    ]);
    expect(onImported).toHaveBeenCalledTimes(1);

    const [sent] = seen('POST keywords/import');
    expect(sent!.query.get('sector_id')).toBe(SECTOR.id);
    const file = (sent!.body as FormData).get('file') as File;
    expect(file.name).toBe('keywords.csv');
    expect(await file.text()).toBe('keyword,volume\nrose care,10\n,5\n');
  });

  it('follows a large import running as a job until its result', async () => {
    answer({ 'POST keywords/import': envelope({ import_id: IMPORT, status_url: `/api/v1/planner/keywords/imports/${IMPORT}` }) });
    let polls = 0;
    answer({
      [`GET service/planner/keywords/imports/${IMPORT}`]: () =>
        ++polls < 3
          ? envelope({ status: 'running', rows_read: polls * 1000, result: null, error: null })
          : envelope({ status: 'succeeded', rows_read: 3000, result: { created: 3000, updated: 0, skipped: 0, errors: [], errors_truncated: false, encoding: 'windows-1252' }, error: null }),
    });
    await chooseAndImport('keyword\nx\n');
    await waitFor(() => expect(noticeContents()[0]).toMatch(/^3000 created, 0 updated, 0 skipped\. .*legacy Excel/));
    expect(screen.queryByRole('region', { name: 'Lines not imported' })).toBeNull();
  });

  it('shows why a file was refused, in the service’s words', async () => {
    answer({ 'POST keywords/import': new WpError('invalid_csv', 'The file has no "keyword" column.', { status: 400 }) });
    const onImported = await chooseAndImport('name\nrose\n');
    await waitFor(() => expect(noticeContents()).toContain('The file has no "keyword" column.'));
    expect(onImported).not.toHaveBeenCalled();
  });
});
