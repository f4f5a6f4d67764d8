/**
 * Calls `beat` every intervalSeconds while the page is visible: a hidden tab is not dwell. The timer
 * restarts when the page shows again, so a beat always follows a full interval of visibility.
 */
export function startHeartbeat(intervalSeconds: number, beat: () => void): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const follow = () => {
    clearInterval(timer);
    timer = document.visibilityState === 'visible' ? setInterval(beat, intervalSeconds * 1000) : undefined;
  };
  document.addEventListener('visibilitychange', follow);
  follow();
}

/**
 * Calls `onLeave` when the page is hidden or left. pagehide covers unloads and the back-forward cache;
 * visibilitychange to hidden is the last event mobile browsers reliably fire before killing a tab.
 */
export function onPageLeave(onLeave: () => void): void {
  addEventListener('pagehide', onLeave);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') onLeave();
  });
}

/**
 * Exit intent: the pointer leaving the document through the top edge, towards the tabs and the
 * address bar (relatedTarget null means it left the document, not moved to a child). Calls
 * `onExitIntent` at most once until `rearm`, which the SDK calls for each new page view.
 */
export function watchExitIntent(onExitIntent: () => void): { rearm(): void } {
  let fired = false;
  document.addEventListener('mouseout', (event) => {
    if (fired || event.relatedTarget !== null || event.clientY > 0) return;
    fired = true;
    onExitIntent();
  });
  return {
    rearm: () => {
      fired = false;
    },
  };
}
