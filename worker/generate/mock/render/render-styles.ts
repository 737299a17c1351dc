import { paletteFor, type Theme } from '../palette.ts';

/**
 * The stylesheet: one for every page the composer makes, coloured by the theme. Every text colour
 * here is drawn on one of bg, surface or soft (or onAccent on accentFill), the pairs palette.ts
 * checks; decorative fills carry no text. Layout is fluid to 320 px with no sideways scrolling.
 */
export function renderStyles(theme: Theme): string {
  const c = paletteFor(theme);
  return `:root {
  --bg: ${c.bg};
  --surface: ${c.surface};
  --soft: ${c.soft};
  --border: ${c.border};
  --ink: ${c.ink};
  --muted: ${c.muted};
  --accent: ${c.accent};
  --accent-fill: ${c.accentFill};
  --on-accent: ${c.onAccent};
  --decor-1: ${c.decor[0]};
  --decor-2: ${c.decor[1]};
  --decor-3: ${c.decor[2]};
  --radius: 16px;
  --shadow: ${theme.mode === 'light' ? '0 10px 30px rgba(20, 24, 40, 0.07)' : '0 10px 30px rgba(0, 0, 0, 0.35)'};
  color-scheme: ${theme.mode};
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--ink);
  font: 400 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Apple SD Gothic Neo", "Noto Sans KR", "Malgun Gothic", sans-serif;
  overflow-wrap: anywhere;
}
:lang(ko) body, body:lang(ko) { word-break: keep-all; line-height: 1.75; }
h1, h2, h3 { line-height: 1.2; margin: 0 0 0.6em; }
h2 { font-size: clamp(1.6rem, 3.5vw, 2.2rem); letter-spacing: -0.01em; }
h3 { font-size: 1.15rem; }
p { margin: 0 0 1em; }
a { color: var(--accent); text-decoration: underline; text-underline-offset: 0.18em; }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; border-radius: 6px; }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 1.25rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: 1rem; top: -4rem; background: var(--accent-fill); color: var(--on-accent); padding: 0.6rem 1rem; border-radius: 8px; z-index: 10; }
.skip:focus { top: 1rem; }
.site-header { position: sticky; top: 0; z-index: 5; background: var(--bg); border-bottom: 1px solid var(--border); }
.nav { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; padding: 0.75rem 0; flex-wrap: wrap; }
.brand { font-weight: 800; font-size: 1.15rem; color: var(--ink); text-decoration: none; }
.nav-links { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; }
.nav-links a { display: inline-block; padding: 0.35rem 0.7rem; border-radius: 999px; color: var(--ink); text-decoration: none; font-size: 0.95rem; }
.nav-links a:hover { background: var(--soft); }
.hero { background: linear-gradient(160deg, var(--soft), var(--bg) 78%); padding: 4.5rem 0 4rem; }
.hero-grid { display: grid; grid-template-columns: minmax(0, 1.5fr) minmax(0, 1fr); gap: 2.5rem; align-items: center; }
.eyebrow { color: var(--accent); font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; font-size: 0.85rem; margin-bottom: 0.8rem; }
.hero h1 { font-size: clamp(2.3rem, 6vw, 3.8rem); letter-spacing: -0.02em; margin-bottom: 1.1rem; }
.lead { font-size: 1.2rem; color: var(--muted); max-width: 36rem; }
.hero-art { justify-self: center; width: min(18rem, 100%); aspect-ratio: 1; border-radius: 50%; display: grid; place-items: center; background: radial-gradient(circle at 30% 30%, var(--decor-3), var(--decor-1) 60%, var(--decor-2)); box-shadow: var(--shadow); }
.hero-art span { font-size: clamp(4rem, 10vw, 7rem); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1.75rem; }
.button { display: inline-block; background: var(--accent-fill); color: var(--on-accent); border: 2px solid var(--accent-fill); padding: 0.75rem 1.5rem; border-radius: 999px; font-weight: 700; text-decoration: none; }
.button-quiet { background: transparent; color: var(--accent); }
.button:focus-visible { outline: 3px solid var(--ink); outline-offset: 3px; }
.event-facts { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 1.5rem 0 0; }
.event-facts dt { color: var(--muted); font-size: 0.85rem; font-weight: 600; }
.event-facts dd { margin: 0; font-weight: 700; font-size: 1.1rem; }
.section { padding: 4.5rem 0; }
.section:nth-of-type(odd) { background: var(--soft); }
.section-intro { color: var(--muted); max-width: 40rem; }
.prose { max-width: 44rem; font-size: 1.1rem; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); }
.card, .tier, .quote, .callout, .faq details, .menu-group { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
.card { padding: 1.5rem; }
.card p { color: var(--muted); margin: 0; }
.card-icon, .avatar { display: inline-grid; place-items: center; width: 3rem; height: 3rem; border-radius: 50%; background: var(--soft); font-size: 1.5rem; margin-bottom: 0.9rem; }
.team .role { color: var(--accent); font-weight: 600; margin-bottom: 0.4rem; }
.menu { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); align-items: start; }
.menu-group { padding: 1.5rem 1.75rem; }
.menu-list { list-style: none; margin: 0; padding: 0; }
.menu-item { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.75rem; padding: 0.7rem 0; border-bottom: 1px dashed var(--border); }
.menu-item:last-child { border-bottom: 0; }
.item-name { font-weight: 600; flex: 1 1 auto; }
.item-note { flex-basis: 100%; color: var(--muted); font-size: 0.92rem; }
.price { color: var(--accent); font-weight: 700; font-variant-numeric: tabular-nums; }
.gallery { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr)); }
.gallery figure { margin: 0; }
.tile { aspect-ratio: 4 / 3; border-radius: var(--radius); display: grid; place-items: center; font-size: 3.5rem; box-shadow: var(--shadow); }
.tile-0 { background: linear-gradient(135deg, var(--decor-1), var(--decor-2)); }
.tile-1 { background: linear-gradient(135deg, var(--decor-2), var(--decor-3)); }
.tile-2 { background: linear-gradient(135deg, var(--decor-3), var(--decor-1)); }
.gallery figcaption { color: var(--muted); margin-top: 0.6rem; font-weight: 600; }
.tiers { list-style: none; margin: 1.5rem 0 0; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr)); align-items: stretch; }
.tier { padding: 1.75rem; display: flex; flex-direction: column; }
.tier-featured { border: 2px solid var(--accent); }
.badge { align-self: flex-start; background: var(--accent-fill); color: var(--on-accent); font-size: 0.8rem; font-weight: 700; padding: 0.2rem 0.75rem; border-radius: 999px; }
.tier-price { margin: 0.25rem 0 0.75rem; }
.tier-price .price { font-size: 2.1rem; }
.per, .tier-blurb { color: var(--muted); }
.ticks { list-style: none; margin: 0 0 1.5rem; padding: 0; flex: 1; }
.ticks li { padding: 0.3rem 0 0.3rem 1.6rem; position: relative; }
.ticks li::before { content: "✓"; position: absolute; left: 0; color: var(--accent); font-weight: 700; }
.tier .button { text-align: center; }
table { width: 100%; border-collapse: collapse; background: var(--surface); border-radius: var(--radius); overflow: hidden; box-shadow: var(--shadow); }
th, td { padding: 0.8rem 1rem; border-bottom: 1px solid var(--border); text-align: left; }
thead th { background: var(--surface); font-size: 0.9rem; color: var(--muted); }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 0; }
.compare { table-layout: fixed; }
.compare td { text-align: center; }
.compare thead th:not(:first-child) { text-align: center; color: var(--ink); }
.yes { color: var(--accent); font-weight: 800; }
.no { color: var(--muted); }
.hours { max-width: 32rem; }
.note { color: var(--muted); font-size: 0.95rem; margin-top: 1rem; }
.schedule { list-style: none; margin: 0; padding: 0; max-width: 46rem; }
.schedule li { display: grid; grid-template-columns: minmax(7rem, 12rem) 1fr; gap: 1rem; padding: 1rem 0; border-bottom: 1px solid var(--border); }
.schedule .time { color: var(--accent); font-weight: 700; font-variant-numeric: tabular-nums; }
.timeline { list-style: none; margin: 0; padding: 0 0 0 1.5rem; border-left: 3px solid var(--accent); max-width: 46rem; }
.timeline > li { margin-bottom: 2rem; }
.timeline .meta { color: var(--muted); font-weight: 600; }
.timeline ul { margin: 0; padding-left: 1.2rem; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.6rem; }
.chips li { background: var(--surface); border: 1px solid var(--border); border-radius: 999px; padding: 0.4rem 1rem; font-weight: 600; }
.split { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2rem; align-items: center; }
.map { aspect-ratio: 4 / 3; border-radius: var(--radius); display: grid; place-items: center; box-shadow: var(--shadow);
  background:
    linear-gradient(90deg, transparent 46%, var(--surface) 46% 50%, transparent 50%),
    linear-gradient(0deg, transparent 62%, var(--surface) 62% 66%, transparent 66%),
    linear-gradient(30deg, transparent 28%, var(--bg) 28% 30%, transparent 30%),
    linear-gradient(135deg, var(--decor-1), var(--decor-3)); }
.pin { font-size: 3rem; }
address { font-style: normal; font-weight: 600; margin-bottom: 1rem; }
.callout { padding: 2rem; border-left: 6px solid var(--accent); max-width: 46rem; }
.callout .button { margin-top: 0.5rem; }
.faq { display: grid; gap: 0.75rem; max-width: 46rem; }
.faq details { padding: 1rem 1.25rem; }
.faq summary { cursor: pointer; font-weight: 700; }
.faq details p { color: var(--muted); margin: 0.75rem 0 0; }
.quotes { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.25rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr)); }
.quote { margin: 0; padding: 1.75rem; height: 100%; }
.quote blockquote { margin: 0 0 1rem; font-size: 1.1rem; }
.quote figcaption span { color: var(--muted); }
.contact-list { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr)); margin: 1rem 0 0; }
.contact-list dt { color: var(--muted); font-size: 0.9rem; font-weight: 600; }
.contact-list dd { margin: 0; font-weight: 600; }
.site-footer { border-top: 1px solid var(--border); padding: 2rem 0; color: var(--muted); text-align: center; }
.site-footer p { margin: 0; }
@media (max-width: 760px) {
  .site-header { position: static; }
  .hero { padding: 3rem 0 2.5rem; }
  .hero-grid, .split { grid-template-columns: minmax(0, 1fr); }
  .hero-art { width: 9rem; justify-self: start; order: -1; }
  .hero-art span { font-size: 4rem; }
  .section { padding: 3rem 0; }
  .schedule li { grid-template-columns: minmax(0, 1fr); gap: 0.2rem; }
  th, td { padding: 0.7rem 0.5rem; }
  .compare { font-size: 0.9rem; }
}
`;
}
