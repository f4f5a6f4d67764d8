import { layoutOf, safeHttpUrl, type Intervention } from './intervention.js';
import { INTERVENTION_STYLES } from './renderer-styles.js';

export interface CardHandlers {
  onClick(): void;
  onDismiss(): void;
}

/**
 * Shows interventions in the page: corner toasts stacked in one overlay, banners at the top of the
 * page or in the page's slot for the placement (`<div data-kairos-placement="product-page">`). Each
 * lives in a shadow root, so the shop's CSS cannot break it nor it the shop's. Server text only ever
 * goes into textContent and attributes, never into HTML, and links must be http(s).
 */
export class InterventionRenderer {
  private overlays: ShadowRoot | undefined;

  show(intervention: Intervention, handlers: CardHandlers, placement?: string): void {
    if (layoutOf(intervention.kind) === 'overlay') {
      const card = buildCard(intervention, { ...handlers, onDismiss: () => (card.remove(), handlers.onDismiss()) }, 'card');
      this.overlayRoot().append(card);
      return;
    }
    const host = element('div', { 'data-kairos-banner': intervention.campaignId });
    const card = buildCard(intervention, { ...handlers, onDismiss: () => (host.remove(), handlers.onDismiss()) }, 'card banner');
    host.attachShadow({ mode: 'open' }).append(element('style', {}, INTERVENTION_STYLES), card);
    const slot = placement === undefined ? null : document.querySelector(`[data-kairos-placement="${CSS.escape(placement)}"]`);
    if (slot) slot.append(host);
    else document.body.prepend(host);
  }

  private overlayRoot(): ShadowRoot {
    if (this.overlays === undefined) {
      const host = element('div', { 'data-kairos-overlays': '' });
      this.overlays = host.attachShadow({ mode: 'open' });
      this.overlays.append(element('style', {}, INTERVENTION_STYLES));
      document.body.append(host);
    }
    return this.overlays;
  }
}

function buildCard(intervention: Intervention, handlers: CardHandlers, className: string): HTMLElement {
  const { title, body, cta, imageUrl } = intervention.content;
  const card = element('div', {
    class: className,
    role: 'status',
    'data-kairos-card': intervention.campaignId,
    'data-kairos-kind': intervention.kind,
  });
  const image = imageUrl === undefined ? undefined : safeHttpUrl(imageUrl, location.href);
  if (image !== undefined) card.append(element('img', { src: image, alt: '', 'data-kairos-image': '' }));
  const text = element('div', { class: 'text' });
  if (title !== undefined) text.append(element('strong', { 'data-kairos-title': '' }, title));
  text.append(element('p', { 'data-kairos-body': '' }, body));
  const href = cta === undefined ? undefined : safeHttpUrl(cta.url, location.href);
  if (cta !== undefined && href !== undefined) {
    const link = element('a', { href, 'data-kairos-cta': '' }, cta.label);
    link.addEventListener('click', () => handlers.onClick());
    text.append(link);
  }
  const close = element('button', { type: 'button', 'aria-label': 'Close', 'data-kairos-close': '' }, '×');
  close.addEventListener('click', () => handlers.onDismiss());
  card.append(text, close);
  return card;
}

/** An element with attributes and text; the text is set as textContent, so markup in it stays text. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
