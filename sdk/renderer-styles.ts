/**
 * The interventions' own styles, inside their shadow roots. `all: initial` stops the shop's inherited
 * fonts and colours from leaking in; the host's position is !important because an important :host
 * rule is the one declaration a page's own !important rules cannot override.
 */
export const INTERVENTION_STYLES = `
:host{all:initial;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f}
:host([data-kairos-overlays]){position:fixed!important;right:16px!important;bottom:16px!important;z-index:2147483647!important;display:flex!important;flex-direction:column;gap:8px;max-width:min(360px,calc(100vw - 32px))}
:host([data-kairos-banner]){display:block!important;position:relative!important}
.card{display:flex;gap:12px;align-items:flex-start;background:#fff;border:1px solid #d2d2d7;border-radius:10px;padding:12px 14px;box-shadow:0 6px 24px rgba(0,0,0,.14)}
.banner{border-radius:0;box-shadow:none;border-width:0 0 1px;background:#f5f5f7}
.text{flex:1;min-width:0}
strong{display:block;font-weight:600;margin-bottom:2px}
p{margin:0;overflow-wrap:anywhere}
a{display:inline-block;margin-top:8px;color:#0066cc;font-weight:600;text-decoration:none}
a:hover{text-decoration:underline}
img{width:56px;height:56px;object-fit:cover;border-radius:6px}
button{all:unset;cursor:pointer;font-size:18px;line-height:1;padding:2px 4px;color:#6e6e73}
button:focus-visible,a:focus-visible{outline:2px solid #0066cc;outline-offset:2px}
`;
