/**
 * The import worker (bundled as dist/electron/import-worker.cjs): reading,
 * layout detection, normalisation, validation, planning and the commit run
 * here, off the main thread. It reads the database through its own read-only
 * connection and opens it for writing only for the commit (one transaction;
 * WAL and IMMEDIATE transactions serialise it with the app's connection).
 * Cancelling terminates the thread.
 *
 * Messages in: { id, req: RunnerRequest }; out: { type: 'progress', … } while
 * working and { id, reply: RunnerReply } when done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportRunner, workerDatabase, type RunnerRequest } from './runner';

const port = parentPort;
if (port) {
  const { dbPath } = workerData as { dbPath: string };
  const runner = new ImportRunner(workerDatabase(dbPath));
  let last = 0;
  let lastPhase = '';
  port.on('message', async (msg: { id: number; req: RunnerRequest }) => {
    const reply = await runner.handle(msg.req, {
      cancelled: () => false,
      progress: p => {
        const now = Date.now();
        if (p.phase === lastPhase && now - last < 100 && p.done < p.total) return;
        last = now;
        lastPhase = p.phase;
        port.postMessage({ type: 'progress', ...p });
      },
    });
    port.postMessage({ id: msg.id, reply });
  });
}
