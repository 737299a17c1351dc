/**
 * The mock provider's page: hero, features, testimonials, contact and footer, responsive, no
 * script and no external resource — the kind of page the real providers are asked for.
 * Every piece of the user's prompt goes through escapeHtml: the prompt is untrusted text.
 */

export interface MockSiteInput {
  title: string;
  description: string;
  /** Accent colour hue, 0–359. */
  hue: number;
}

export function renderMockSite({ title, description, hue }: MockSiteInput): { html: string; css: string } {
  const t = escapeHtml(title);
  const d = escapeHtml(description);
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="${d}">
  <title>${t}</title>
  <link rel="stylesheet" href="styles.css">
</head>
<body>
  <header class="site-header">
    <nav class="nav" aria-label="Main">
      <a class="brand" href="#top">${t}</a>
      <ul>
        <li><a href="#features">What we offer</a></li>
        <li><a href="#stories">Stories</a></li>
        <li><a href="#contact">Contact</a></li>
      </ul>
    </nav>
  </header>
  <main id="top">
    <section class="hero">
      <p class="eyebrow">Welcome</p>
      <h1>${t}</h1>
      <p class="lead">${d}</p>
      <a class="cta" href="#contact">Get in touch</a>
    </section>
    <section id="features" class="features">
      <h2>What we offer</h2>
      <div class="grid">
        <article class="card">
          <h3>Made with care</h3>
          <p>Everything about ${t} starts with attention to the small things that make a big difference.</p>
        </article>
        <article class="card">
          <h3>Friendly and personal</h3>
          <p>No queues and no small print: you talk to real people who know their craft.</p>
        </article>
        <article class="card">
          <h3>Easy to reach</h3>
          <p>Drop us a line any day of the week and hear back within one working day.</p>
        </article>
      </div>
    </section>
    <section id="stories" class="stories">
      <h2>What people say</h2>
      <div class="grid">
        <figure class="quote">
          <blockquote><p>Exactly what I was looking for. I keep coming back.</p></blockquote>
          <figcaption>Alex M.</figcaption>
        </figure>
        <figure class="quote">
          <blockquote><p>Warm, quick and thoughtful. I recommend ${t} to all my friends.</p></blockquote>
          <figcaption>Priya S.</figcaption>
        </figure>
      </div>
    </section>
    <section id="contact" class="contact">
      <h2>Say hello</h2>
      <p>Questions, ideas or just curious? Write to <a href="mailto:hello@example.com">hello@example.com</a>.</p>
    </section>
  </main>
  <footer class="site-footer">
    <p>&copy; ${t}. Made with care.</p>
  </footer>
</body>
</html>
`;
  const css = `:root {
  --accent: hsl(${hue} 65% 42%);
  --accent-soft: hsl(${hue} 70% 95%);
  --ink: #1d2330;
  --muted: #5b6475;
  --radius: 14px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink);
  line-height: 1.6;
}
* { box-sizing: border-box; }
body { margin: 0; background: #fff; }
a { color: var(--accent); }
.site-header { position: sticky; top: 0; background: rgba(255, 255, 255, 0.92); border-bottom: 1px solid #e7e9ee; }
.nav { max-width: 1040px; margin: 0 auto; padding: 0.9rem 1.25rem; display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
.nav ul { list-style: none; display: flex; gap: 1.25rem; margin: 0; padding: 0; }
.nav a { text-decoration: none; color: var(--ink); }
.brand { font-weight: 700; }
main > section { max-width: 1040px; margin: 0 auto; padding: 4rem 1.25rem; }
.hero { text-align: center; background: linear-gradient(160deg, var(--accent-soft), #fff 70%); border-radius: 0 0 var(--radius) var(--radius); }
.eyebrow { text-transform: uppercase; letter-spacing: 0.12em; color: var(--accent); font-weight: 600; margin: 0; }
.hero h1 { font-size: clamp(2rem, 5vw, 3.4rem); line-height: 1.15; margin: 0.4rem 0 1rem; }
.lead { font-size: 1.2rem; color: var(--muted); max-width: 40rem; margin: 0 auto 2rem; }
.cta { display: inline-block; background: var(--accent); color: #fff; padding: 0.8rem 1.6rem; border-radius: 999px; text-decoration: none; font-weight: 600; }
h2 { font-size: 1.9rem; margin: 0 0 1.5rem; text-align: center; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 1.25rem; }
.card, .quote { background: #fff; border: 1px solid #e7e9ee; border-radius: var(--radius); padding: 1.5rem; margin: 0; box-shadow: 0 6px 18px rgba(29, 35, 48, 0.06); }
.card h3 { margin-top: 0; color: var(--accent); }
.stories { background: var(--accent-soft); border-radius: var(--radius); }
.quote blockquote { margin: 0; font-size: 1.1rem; }
.quote figcaption { margin-top: 0.75rem; color: var(--muted); font-weight: 600; }
.contact { text-align: center; }
.site-footer { text-align: center; padding: 2rem 1.25rem; color: var(--muted); border-top: 1px solid #e7e9ee; }
@media (max-width: 600px) {
  .nav { flex-direction: column; }
  main > section { padding: 2.5rem 1rem; }
}
`;
  return { html, css };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
