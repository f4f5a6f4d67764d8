import type { ProductView } from '../catalog/product.js';
import { html, type SafeHtml } from '../shared/html.js';

export interface DemoPageSettings {
  writeKey: string;
  heartbeatSeconds: number;
}

/**
 * A shop's product page as a retailer would write it with the SDK: Product Viewed on load, Product
 * Added from the button, and a slot the product-page placement fills. Every server value reaches the
 * script through escaped data- attributes, so the script itself is constant text.
 */
export function demoProductPage(product: ProductView, settings: DemoPageSettings): SafeHtml {
  const price = product.price === null ? null : `${product.price.toFixed(2)} ${product.currency ?? ''}`.trim();
  return page(
    product.name,
    html`<main
      data-write-key="${settings.writeKey}"
      data-heartbeat-seconds="${settings.heartbeatSeconds}"
      data-product-id="${product.id}"
      data-product-name="${product.name}"
      data-category="${product.categoryPath.join('.')}"
      data-price="${product.price ?? ''}"
      data-currency="${product.currency ?? ''}"
    >
      <div data-kairos-placement="product-page"></div>
      <p class="crumbs">${product.categoryPath.join(' › ')}</p>
      <h1>${product.name}</h1>
      ${product.imageUrl === null ? null : html`<img src="${product.imageUrl}" alt="${product.name}" width="320">`}
      ${product.brand === null ? null : html`<p>by <strong>${product.brand}</strong></p>`}
      ${price === null ? null : html`<p class="price">${price}</p>`}
      <p>${product.live.viewsToday} views and ${product.live.purchasesToday} purchases today</p>
      <button type="button" data-add-to-cart>Add to cart</button>
    </main>
    <script type="module">
      import { Kairos } from '/sdk/kairos.js';
      const page = document.querySelector('main').dataset;
      const product = { product_id: page.productId, name: page.productName, category: page.category, price: Number(page.price) || undefined, currency: page.currency || undefined };
      const kairos = Kairos.init({ writeKey: page.writeKey, host: location.origin, heartbeatSeconds: Number(page.heartbeatSeconds) });
      kairos.page('Product', { productId: page.productId });
      kairos.track('Product Viewed', product);
      document.querySelector('[data-add-to-cart]').addEventListener('click', () => kairos.track('Product Added', { ...product, quantity: 1 }));
      kairos.decide('product-page', { product: { id: page.productId } });
    </script>`,
  );
}

export function demoNotFoundPage(productId: string): SafeHtml {
  return page('Product not found', html`<main><h1>Product not found</h1><p>No product with id “${productId}” is in the catalog.</p></main>`);
}

function page(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Kairos demo shop</title>
  <style>
    body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #222; }
    main { max-width: 720px; margin: 0 auto; padding: 24px; }
    .crumbs { color: #777; font-size: 14px; }
    .price { font-size: 24px; font-weight: 600; }
    button { font: inherit; padding: 10px 20px; border-radius: 6px; border: 0; background: #222; color: #fff; cursor: pointer; }
  </style>
</head>
<body>
${body}
</body>
</html>
`;
}
