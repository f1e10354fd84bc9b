/**
 * Let the browser run a frame and other tasks: long main-thread work (a big import's commit, autosave slices, checker
 * results) is split into short tasks with this between them (a MessageChannel message is not clamped like setTimeout).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}
