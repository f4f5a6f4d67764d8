import { describe, expect, it } from 'vitest';
import { interventionProperties, layoutOf, readIntervention, readSource, safeHttpUrl } from './intervention.js';

describe('interventions', () => {
  const wire = {
    messageId: 'msg_1',
    decisionId: 'dec_1',
    campaignId: 'cmp_1',
    variantId: 'v1',
    kind: 'urgency',
    channel: 'web',
    content: { title: 'Hurry', body: 'Only 2 left', cta: { label: 'Buy', url: '/cart' }, extra: 1 },
  };

  it('reads an intervention from a server message and drops what is not one', () => {
    expect(readIntervention(wire)).toEqual({ campaignId: 'cmp_1', variantId: 'v1', kind: 'urgency', channel: 'web', content: { title: 'Hurry', body: 'Only 2 left', cta: { label: 'Buy', url: '/cart' } } });
    expect(readIntervention({ ...wire, content: { title: 'no body' } })).toBeUndefined();
    expect(readIntervention('<html>proxy error</html>')).toBeUndefined();
    expect(readIntervention({ ...wire, content: { body: 'x', cta: { label: 'no url' } } })?.content).toEqual({ body: 'x' });
  });

  it('names the stream message and the decision in the reported properties', () => {
    const intervention = readIntervention(wire)!;
    expect(interventionProperties(intervention, readSource(wire))).toEqual({ messageId: 'msg_1', decisionId: 'dec_1', campaignId: 'cmp_1', variantId: 'v1', kind: 'urgency' });
    expect(readSource({ decisionId: 'dec_2' })).toEqual({ decisionId: 'dec_2' });
  });

  it('shows custom and recommendations as banners and every other kind as a toast', () => {
    expect(['custom', 'recommendations'].map(layoutOf)).toEqual(['banner', 'banner']);
    expect(['social_proof', 'urgency', 'price', 'convenience', 'loyalty_reminder', 'pickup_ready'].map(layoutOf)).toEqual(Array(6).fill('overlay'));
  });

  it('lets only http(s) links through, resolved against the page', () => {
    expect(safeHttpUrl('/cart', 'https://shop.example/p/1')).toBe('https://shop.example/cart');
    expect(safeHttpUrl('https://other.example/x', 'https://shop.example/')).toBe('https://other.example/x');
    expect(safeHttpUrl('javascript:alert(1)', 'https://shop.example/')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,<script>1</script>', 'https://shop.example/')).toBeUndefined();
  });
});
