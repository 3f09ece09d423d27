/**
 * A hang guard for synchronous work. Linting is synchronous, so a rule stuck in a loop (or in
 * catastrophic regex backtracking) blocks the thread the test runs on: vitest's test timeout is a
 * timer on that same thread and never fires. The watchdog runs in a worker thread, which keeps its
 * own event loop: {@link Watchdog.run} tells it what is about to run and for how long at most; when
 * that time passes first, the worker writes what hung to the process's stderr (a direct write, since
 * the blocked thread cannot forward a worker's output) and kills the test process, which vitest then
 * reports as a failed test file.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
let timer;
parentPort.on('message', (message) => {
  clearTimeout(timer);
  if (!message) return;
  timer = setTimeout(() => {
    writeSync(2, '\\nfuzz watchdog: still running after ' + message.limitMs + ' ms, killing the test process: ' + message.what + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }, message.limitMs);
});
`;

export class Watchdog {
  readonly #worker = new Worker(WORKER_SOURCE, { eval: true });

  constructor() {
    // The worker must not keep the test process alive.
    this.#worker.unref();
  }

  /** Runs `work`; kills the process if it is still running after `limitMs`. */
  run<T>(what: string, limitMs: number, work: () => T): T {
    this.#worker.postMessage({ what, limitMs });
    try {
      return work();
    } finally {
      this.#worker.postMessage(null);
    }
  }

  /** Like {@link run}, for asynchronous work. */
  async runAsync<T>(what: string, limitMs: number, work: () => Promise<T>): Promise<T> {
    this.#worker.postMessage({ what, limitMs });
    try {
      return await work();
    } finally {
      this.#worker.postMessage(null);
    }
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
