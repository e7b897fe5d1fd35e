/**
 * CSV import into the sector: the file goes to the plugin's import route (which streams it to
 * the service), and the answer is shown as a report — created, updated, skipped, and each bad
 * line with what is wrong with it. A large file is imported as a job, followed until it ends.
 */
import { Button, FormFileUpload, Modal, Notice, Spinner, __experimentalHStack as HStack } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { plugin, service } from '../../common/api';
import { errorMessage } from '../../common/errors';
import { POLL_MS } from '../../common/use-run';

export type ImportResult = {
  created: number;
  updated: number;
  skipped: number;
  errors: { line: number; message: string }[];
  errors_truncated?: boolean;
  encoding?: string;
};
type Queued = { import_id: string; status_url: string };
type ImportStatus = { status: 'queued' | 'running' | 'succeeded' | 'failed'; rows_read: number; result: ImportResult | null; error: string | null };

const unwrap = <T,>(answer: T | { data: T }): T => (answer && typeof answer === 'object' && 'data' in answer ? answer.data : (answer as T));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function followImport(id: string, onRows: (rows: number) => void, pollMs: number): Promise<ImportResult> {
  for (;;) {
    const state = await service<ImportStatus>(`planner/keywords/imports/${id}`);
    if (state.status === 'succeeded' && state.result) return state.result;
    if (state.status === 'failed') throw new Error(state.error ?? __('The import failed.', 'igny8'));
    onRows(state.rows_read);
    await sleep(pollMs);
  }
}

export function ImportReport({ result }: { result: ImportResult }) {
  return (
    <div className="igny8-import-report">
      <Notice status={result.errors.length ? 'warning' : 'success'} isDismissible={false}>
        {sprintf(
          /* translators: 1: keywords created, 2: keywords updated, 3: rows skipped */
          __('%1$d created, %2$d updated, %3$d skipped.', 'igny8'),
          result.created,
          result.updated,
          result.skipped,
        )}
        {result.encoding === 'windows-1252' ? ` ${__('The file was read as a legacy Excel (Windows-1252) file.', 'igny8')}` : ''}
      </Notice>
      {result.errors.length > 0 && (
        <div className="igny8-report" tabIndex={0} role="region" aria-label={__('Lines not imported', 'igny8')}>
          <table>
            <caption className="screen-reader-text">{__('Lines not imported', 'igny8')}</caption>
            <thead>
              <tr>
                <th scope="col">{__('Line', 'igny8')}</th>
                <th scope="col">{__('Problem', 'igny8')}</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e) => (
                <tr key={`${e.line}:${e.message}`}>
                  <td>{e.line}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.errors_truncated && <p>{__('More lines had problems; only the first ones are listed.', 'igny8')}</p>}
        </div>
      )}
    </div>
  );
}

export default function ImportDialog({ sectorId, onImported, onClose, pollMs = POLL_MS }: { sectorId: string; onImported: () => void; onClose: () => void; pollMs?: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const answer = unwrap(await plugin<ImportResult | Queued | { data: ImportResult | Queued }>('keywords/import', { method: 'POST', query: { sector_id: sectorId }, body }));
      const done = 'import_id' in answer ? await followImport(answer.import_id, setRows, pollMs) : answer;
      setResult(done);
      onImported();
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(false);
  };

  return (
    <Modal title={__('Import keywords from a CSV file', 'igny8')} onRequestClose={onClose}>
      <p>{__('A header row, then one keyword per line. Columns: keyword (required), volume, difficulty, cpc, intent, country — in any order. A keyword already in the sector is updated, not added twice.', 'igny8')}</p>
      <HStack justify="flex-start">
        <FormFileUpload accept=".csv,text/csv,text/plain" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} render={({ openFileDialog }) => (
          <Button variant="secondary" __next40pxDefaultSize onClick={openFileDialog}>
            {__('Choose file', 'igny8')}
          </Button>
        )} />
        <span className="igny8-import__file">{file ? file.name : __('No file chosen', 'igny8')}</span>
      </HStack>
      {busy && (
        <p role="status">
          <Spinner />
          {rows === null ? __('Importing…', 'igny8') : sprintf(/* translators: %d: rows read so far */ __('Importing… %d rows read', 'igny8'), rows)}
        </p>
      )}
      {error && (
        <Notice status="error" isDismissible={false}>
          {error}
        </Notice>
      )}
      {result && <ImportReport result={result} />}
      <HStack justify="flex-end">
        <Button variant="tertiary" __next40pxDefaultSize onClick={onClose}>
          {result ? __('Close', 'igny8') : __('Cancel', 'igny8')}
        </Button>
        <Button variant="primary" __next40pxDefaultSize disabled={!file || busy} isBusy={busy} onClick={run}>
          {__('Import', 'igny8')}
        </Button>
      </HStack>
    </Modal>
  );
}
