const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Markup that `html` inserts as it is: only what `html` itself produced. */
export class SafeHtml {
  constructor(readonly markup: string) {}
}

type Interpolation = string | number | SafeHtml | readonly SafeHtml[] | null | undefined;

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so a page cannot forget
 * to escape a catalog field (product names come from retailers' feeds).
 *
 * @example
 * html`<h1>${product.name}</h1>` // <h1>Fish &amp; chips</h1>
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let markup = strings[0]!;
  values.forEach((value, index) => {
    markup += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(markup);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
