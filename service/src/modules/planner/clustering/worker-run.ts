import { parentPort, workerData } from 'node:worker_threads';
import { clusterKeywords, type ClusterInput, type ClusterOptions } from './index';

const { items, options } = workerData as { items: ClusterInput[]; options: ClusterOptions };
try {
  const result = clusterKeywords(items, {
    ...options,
    onProgress: (done, total) => parentPort!.postMessage({ kind: 'progress', done, total }),
  });
  parentPort!.postMessage({ kind: 'result', result });
} catch (err) {
  parentPort!.postMessage({ kind: 'error', message: (err as Error).message });
}
