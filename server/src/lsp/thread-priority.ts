import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much nicer than the main thread the server's other threads are made: under contention they get about a tenth of its time. */
export const BACKGROUND_NICENESS_STEP = 10;
/** The nicest value Linux gives a thread. */
const NICEST = 19;

/**
 * Lowers the priority of every thread of this process but the main one, on Linux, where a nice
 * value is a thread's own (`setpriority` given a thread id). Those threads are V8's workers: its
 * optimizing compiler and the garbage collector's concurrent and parallel helpers. In the first
 * edits after a report is opened they compile the edit path while the examiner types, and on a
 * machine with two cores they took the main thread's turn: with the 800 KB benchmark report the
 * main thread waited, runnable, for about a fifth of each of the first nine edits, and the
 * workers used more processor time than it did. Lowered, they run in the time between
 * keystrokes instead; the collector's parallel phases lose nothing, as the main thread does the
 * work its helpers have not started. Called once the first report is read, so that reading it
 * compiles with every thread's priority. Returns how many threads were lowered (none elsewhere
 * than Linux, which has no per-thread nice value).
 */
export function lowerBackgroundThreads(): number {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return 0;
  }
  const niceness = Math.min(NICEST, getPriority(process.pid) + BACKGROUND_NICENESS_STEP);
  let lowered = 0;
  for (const task of tasks) {
    const thread = Number(task);
    if (thread === process.pid) continue;
    try {
      setPriority(thread, niceness);
      lowered++;
    } catch {
      // The thread has ended, or the system refuses: it keeps its priority.
    }
  }
  return lowered;
}
