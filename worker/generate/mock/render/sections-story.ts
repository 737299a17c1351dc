import { escapeHtml as e, joinHtml } from '../html.ts';
import type { RenderContext, SectionContent } from './render-context.ts';

/** Sections that tell who someone is: about, highlights, work, people, words of others. */

export function aboutSection(ctx: RenderContext): SectionContent {
  const about = ctx.copy.about(ctx.plan);
  return {
    title: about.title,
    body: `<div class="prose">${about.paragraphs.map((p) => `<p>${e(p)}</p>`).join('')}</div>`,
  };
}

export function featuresSection(ctx: RenderContext): SectionContent {
  const features = ctx.copy.features(ctx.plan);
  return {
    title: features.title,
    body: joinHtml([
      '<ul class="cards">',
      ...features.cards.map(
        (card) =>
          `<li class="card"><span class="card-icon" aria-hidden="true">${e(card.icon)}</span><h3>${e(card.title)}</h3><p>${e(card.text)}</p></li>`,
      ),
      '</ul>',
    ]),
  };
}

export function gallerySection(ctx: RenderContext): SectionContent {
  const { gallery } = ctx.copy;
  return {
    title: gallery.title,
    body: joinHtml([
      '<ul class="gallery">',
      ...gallery.tiles.map(
        (tile, index) =>
          `<li><figure><div class="tile tile-${index % 3}" aria-hidden="true"><span>${e(tile.icon)}</span></div><figcaption>${e(tile.caption)}</figcaption></figure></li>`,
      ),
      '</ul>',
    ]),
  };
}

export function testimonialsSection(ctx: RenderContext): SectionContent {
  const { testimonials } = ctx.copy;
  return {
    title: testimonials.title,
    body: joinHtml([
      '<ul class="quotes">',
      ...testimonials.quotes.map(
        (quote) =>
          `<li><figure class="quote"><blockquote><p>${e(quote.text)}</p></blockquote><figcaption><strong>${e(quote.name)}</strong> <span>${e(quote.detail)}</span></figcaption></figure></li>`,
      ),
      '</ul>',
    ]),
  };
}

export function teamSection(ctx: RenderContext): SectionContent {
  const { team } = ctx.copy;
  return {
    title: team.title,
    body: joinHtml([
      '<ul class="cards team">',
      ...team.members.map(
        (member) =>
          `<li class="card"><span class="avatar" aria-hidden="true">${e(member.icon)}</span><h3>${e(member.name)}</h3><p class="role">${e(member.role)}</p><p>${e(member.bio)}</p></li>`,
      ),
      '</ul>',
    ]),
  };
}

export function experienceSection(ctx: RenderContext): SectionContent {
  const experience = ctx.copy.experience(ctx.plan);
  return {
    title: experience.title,
    body: joinHtml([
      '<ol class="timeline">',
      ...experience.jobs.map((job) =>
        joinHtml(
          [
            '<li>',
            `<h3>${e(job.title)}</h3>`,
            `<p class="meta">${e(job.place)} · ${e(job.years)}</p>`,
            `<ul>${job.points.map((point) => `<li>${e(point)}</li>`).join('')}</ul>`,
            '</li>',
          ],
          '',
        ),
      ),
      '</ol>',
    ]),
  };
}

export function skillsSection(ctx: RenderContext): SectionContent {
  const skills = ctx.copy.skills(ctx.plan);
  return {
    title: skills.title,
    body: `<ul class="chips">${skills.skills.map((skill) => `<li>${e(skill)}</li>`).join('')}</ul>`,
  };
}

/** A section a revision asks for that the composer has no builder for: "a section about our sourdough". */
export function customSection(ctx: RenderContext, topic: string): SectionContent {
  const custom = ctx.common.custom(topic, ctx.plan);
  return { title: custom.title, body: `<div class="prose"><p>${e(custom.text)}</p></div>` };
}
