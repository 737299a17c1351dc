/**
 * A page as a model writes one when asked for a site (indented markup, a stylesheet in `<head>`
 * with custom properties, gradients, grid and a media query, semantic sections with cards, a
 * table, quotes, links of every kind, a few inline styles, non-ASCII text), grown to `bytes` by
 * repeating its sections with their own ids. Deterministic, so runs compare.
 */
export function modelPage(bytes: number): string {
  const head = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <meta name="description" content="Bean There: specialty coffee, pastries and a quiet corner in Lisbon's Alfama.">
  <title>Bean There — Specialty Coffee in Lisbon</title>
  <style>
    :root { --brand: #6b3e26; --accent: #e0a96d; --text: #2b2118; --muted: #6f6259; --bg: #fffaf4; --radius: 12px; }
    *, *::before, *::after { box-sizing: border-box; margin: 0; padding: 0; }
    body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: var(--bg); line-height: 1.6; }
    a { color: var(--brand); }
    a:focus-visible, .button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    header { background: linear-gradient(135deg, var(--brand) 0%, #3c2415 100%); color: #fff; padding: 1rem 2rem; position: sticky; top: 0; z-index: 10; }
    nav ul { display: flex; flex-wrap: wrap; gap: 1.5rem; list-style: none; }
    nav a { color: #fff; text-decoration: none; font-weight: 600; letter-spacing: .02em; }
    nav a:hover { text-decoration: underline; }
    .hero { padding: 6rem 2rem 4rem; text-align: center; background: radial-gradient(circle at 30% 20%, #fbe3c8 0%, transparent 60%), linear-gradient(180deg, #fff3e6, var(--bg)); }
    .hero h1 { font-size: clamp(2.2rem, 5vw, 3.6rem); line-height: 1.1; margin-bottom: 1rem; }
    .hero p { max-width: 40rem; margin: 0 auto 2rem; color: var(--muted); font-size: 1.15rem; }
    .button { display: inline-block; padding: .85rem 1.6rem; border-radius: 999px; background: var(--brand); color: #fff; text-decoration: none; font-weight: 700; box-shadow: 0 6px 16px rgba(107, 62, 38, .25); transition: transform .15s ease; }
    .button:hover { transform: translateY(-2px); }
    section { padding: 4rem 2rem; max-width: 72rem; margin: 0 auto; }
    section h2 { font-size: 2rem; margin-bottom: 1.5rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1.5rem; }
    .card { background: #fff; border-radius: var(--radius); box-shadow: 0 4px 12px rgba(0, 0, 0, .08); padding: 1.5rem; border-top: 4px solid var(--accent); }
    .card h3 { font-size: 1.2rem; margin-bottom: .5rem; }
    .price { font-weight: 700; color: var(--brand); margin-top: .75rem; }
    table { width: 100%; border-collapse: collapse; background: #fff; border-radius: var(--radius); overflow: hidden; }
    caption { text-align: left; color: var(--muted); padding-bottom: .5rem; }
    th, td { padding: .75rem 1rem; border-bottom: 1px solid #eee2d6; text-align: left; }
    tbody tr:nth-child(even) { background: #fdf6ee; }
    blockquote { background: #fff; border-left: 4px solid var(--accent); padding: 1rem 1.5rem; margin-bottom: 1rem; border-radius: 0 var(--radius) var(--radius) 0; }
    blockquote cite { display: block; margin-top: .5rem; color: var(--muted); font-style: normal; }
    address { font-style: normal; margin-bottom: 1rem; }
    footer { text-align: center; padding: 2rem; color: #fff; background: #2b2118; }
    @media (max-width: 700px) {
      header { position: static; }
      nav ul { gap: .75rem; }
      .hero { padding: 4rem 1.25rem 3rem; }
      section { padding: 3rem 1.25rem; }
    }
  </style>
</head>
<body>
  <header>
    <nav aria-label="Main navigation">
      <ul>
        <li><a href="#menu-1">Menu</a></li>
        <li><a href="#hours-1">Hours</a></li>
        <li><a href="#reviews-1">Reviews</a></li>
        <li><a href="#visit-1">Visit</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <section class="hero" id="top">
      <h1>Slow coffee in a fast city</h1>
      <p>Single-origin beans roasted every Tuesday, pastéis de nata from the bakery next door, and a window seat with a view over the Tagus.</p>
      <a class="button" href="#visit-1">Plan your visit</a>
    </section>
`;
  const tail = `  </main>
  <footer>
    <p>© 2026 Bean There · Rua de São Miguel 42, Lisbon · <a href="#top" style="color: #e0a96d">Back to top</a></p>
  </footer>
</body>
</html>
`;
  const drinks = [
    ['Espresso ☕', 'Our house blend: chocolate, hazelnut and a long, sweet finish.', '€1.80'],
    ['Flat white', 'A double ristretto with silky milk, poured thin so the coffee leads.', '€3.20'],
    ['Pour-over', 'Ethiopian Guji this month: bergamot, peach and jasmine.', '€4.00'],
    ['Cold brew', 'Steeped for 18 hours, served over one big ice cube.', '€3.50'],
    ['Galão', 'The Lisbon classic in a tall glass, milky and mild.', '€2.40'],
    ['Pastel de nata', 'Still warm at 9 a.m., dusted with cinnamon at the table.', '€1.50'],
  ];
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const section = (n: number) => `    <section id="menu-${n}" aria-labelledby="menu-${n}-title">
      <h2 id="menu-${n}-title">Menu, part ${n}</h2>
      <div class="cards">
${drinks
  .map(
    ([name, text, price]) => `        <article class="card">
          <h3>${name}</h3>
          <p>${text}</p>
          <p class="price">${price}</p>
        </article>`,
  )
  .join('\n')}
      </div>
    </section>
    <section id="hours-${n}">
      <h2>Opening hours</h2>
      <table>
        <caption>Kitchen closes 30 minutes before the café.</caption>
        <thead><tr><th scope="col">Day</th><th scope="col">Hours</th></tr></thead>
        <tbody>
${days.map((day, i) => `          <tr><td>${day}</td><td>${i === 0 ? 'Closed' : i > 4 ? '09:00 – 19:00' : '08:00 – 18:00'}</td></tr>`).join('\n')}
        </tbody>
      </table>
    </section>
    <section id="reviews-${n}">
      <h2>What guests say</h2>
      <blockquote><p>“The best flat white I had in Portugal, and the staff remembered my name on day two.”</p><cite>— Ana, Porto</cite></blockquote>
      <blockquote><p>“Quiet enough to read, loud enough to feel alive. The nata is a must.”</p><cite>— Jonas, Berlin</cite></blockquote>
      <blockquote><p>“Great beans to take home; they grind them for your brewer while you wait.”</p><cite>— Priya, London</cite></blockquote>
    </section>
    <section id="visit-${n}">
      <h2>Visit us</h2>
      <address>Rua de São Miguel 42<br>1100-544 Lisbon, Portugal</address>
      <p>Write to <a href="mailto:hello@beanthere.example">hello@beanthere.example</a> or <a href="https://maps.example.com/?q=Rua+de+Sao+Miguel+42+Lisbon" target="_blank">open the map</a>.</p>
      <p style="margin-top: 1rem; color: #6f6259">Step-free entrance on Beco do Carneiro; dogs welcome.</p>
    </section>
`;
  let body = '';
  for (let n = 1; head.length + body.length + tail.length < bytes; n++) body += section(n);
  return head + body + tail;
}
