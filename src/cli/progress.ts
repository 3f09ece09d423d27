import type { WriteStream } from 'node:tty';

import yoctoSpinner from 'yocto-spinner';

/** A progress display: `update(done, total)` while files are linted, `stop()` at the end. */
export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** Runs shorter than this show no progress at all. */
const DELAY_MS = 1000;

/**
 * Progress on a terminal (`stream` must be a TTY; the caller checks, and never creates one in CI):
 * a yocto-spinner (it copes with 0-column terminals, where ora loops) showing `files done / total`,
 * started only once the run has taken a second.
 */
export function createProgress(stream: WriteStream): Progress {
  let text = 'Auditing';
  let spinner: ReturnType<typeof yoctoSpinner> | null = null;
  const timer = setTimeout(() => {
    spinner = yoctoSpinner({ text, stream }).start();
  }, DELAY_MS);
  timer.unref();
  return {
    update(done, total) {
      text = `Auditing: ${done}/${total} files`;
      if (spinner) spinner.text = text;
    },
    stop() {
      clearTimeout(timer);
      spinner?.stop();
      spinner = null;
    },
  };
}
