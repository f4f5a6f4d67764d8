import type { BrowserEnvironment } from './messages.js';

/** Read at each call, not once: single-page apps change the URL and title without reloading the SDK. */
export function readBrowserEnvironment(): BrowserEnvironment {
  return {
    page: { url: location.href, path: location.pathname, title: document.title, referrer: document.referrer },
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
