/** Turning Ctrl-C (SIGINT) and SIGTERM into an AbortSignal, so output can clean up after itself. */

/**
 * Runs `task` with an AbortSignal that SIGINT / SIGTERM trigger. While it runs the signals
 * no longer end the process at once: the task must notice the abort, remove what it wrote
 * and fail (with WriteAbortedError, which the CLI maps to exit code 130).
 */
export async function withInterruptAbort<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await task(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
