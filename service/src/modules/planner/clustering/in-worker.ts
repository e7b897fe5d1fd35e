import { Worker } from 'node:worker_threads';
import type { ClusterInput, ClusterOptions, ClusterResult } from './index';

type Message = { kind: 'progress'; done: number; total: number } | { kind: 'result'; result: ClusterResult } | { kind: 'error'; message: string };

/**
 * Runs clusterKeywords in a worker thread: tens of thousands of keywords take seconds of CPU, and
 * the process's HTTP server and other jobs must keep answering meanwhile. Dense vectors are moved
 * to the thread, not copied.
 */
export function clusterInWorker(items: ClusterInput[], options: Omit<ClusterOptions, 'onProgress'> & { onProgress?: (done: number, total: number) => void } = {}): Promise<ClusterResult> {
  const { onProgress, ...rest } = options;
  const vectors: Float32Array[] = [];
  const payload = items.map((item) => {
    if (!item.vector) return item;
    const vector = item.vector instanceof Float32Array ? item.vector : Float32Array.from(item.vector);
    vectors.push(vector);
    return { ...item, vector };
  });
  const entry = new URL('./worker-entry.mjs', import.meta.url);
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: { items: payload, options: rest },
      transferList: [...new Set(vectors.map((v) => v.buffer as ArrayBuffer))],
    });
    let settled = false;
    worker.on('message', (m: Message) => {
      if (m.kind === 'progress') onProgress?.(m.done, m.total);
      else {
        settled = true;
        void worker.terminate();
        if (m.kind === 'result') resolve(m.result);
        else reject(new Error(m.message));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`clustering thread exited with code ${code}`));
    });
  });
}
