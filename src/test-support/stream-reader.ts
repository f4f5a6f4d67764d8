import type { TestServer } from './test-server.js';

/** An EventSource-like reader over fetch: the raw text of the stream as it arrives. */
export async function openStream(server: TestServer, query: string): Promise<{ status: number; contentType: string | null; text: () => string; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/v1/stream?${query}`, { signal: controller.signal });
  let text = '';
  if (response.ok) {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        text += value;
      }
    })();
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text: () => text, close: () => controller.abort() };
}

/** The `intervention` events in a stream's text, parsed. */
export function interventions(text: string): any[] {
  return [...text.matchAll(/^event: intervention\ndata: (.*)\n\n/gm)].map((match) => JSON.parse(match[1]!));
}
