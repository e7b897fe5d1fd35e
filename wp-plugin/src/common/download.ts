import { blob, type Query } from './api';

/** Saves a file one of the plugin's routes answers (e.g. the keyword CSV) under `filename`. */
export async function download(path: string, query: Query, filename: string): Promise<void> {
  const url = URL.createObjectURL(await blob(path, query));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the bytes to the browser's download by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
