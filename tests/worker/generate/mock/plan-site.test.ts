import { describe, expect, it } from 'vitest';
import { planSite } from '../../../../worker/generate/mock/compose-site.ts';

describe('planning a site from a prompt', () => {
  it('titles a nameless request after its subject, cut where a phrase ends, never mid-phrase', () => {
    const plan = planSite(
      'a website for a family-run organic vegetable delivery service in the greater Manchester area with weekly boxes and recipes',
    );
    expect(plan.name).toBe('Family-run organic vegetable delivery service');
  });

  it('falls back to a plain name for the kind when no phrase is short enough', () => {
    const plan = planSite(
      'a website for a wonderfully-eclectic-neighbourhood-run-secondhand-bookshop-and-coffee-corner',
    );
    expect(plan.name).toBe('Our kitchen');
  });

  it('does not take dates, prices or times for phone numbers', () => {
    const plan = planSite('Party on 2025-06-14 from 18:00, tickets $1,250 for a table of 10, call 020 7946 0958');
    expect(plan.facts.phones).toEqual(['020 7946 0958']);
    expect(plan.facts.dates).toEqual(['2025-06-14']);
  });

  it('leaves out the sections the prompt rules out', () => {
    expect(planSite('a page for a bakery, no testimonials and no contact section').sections).toEqual(
      expect.not.arrayContaining(['testimonials', 'contact']),
    );
    expect(planSite('a cafe menu without prices').showPrices).toBe(false);
  });

  it('reads Korean plan names without taking 프로 out of 프로젝트', () => {
    const plan = planSite('프로젝트 관리 툴 요금제 페이지: 베이직, 비즈니스 플랜');
    expect(plan.lang).toBe('ko');
    expect(plan.facts.tierNames).toEqual(['베이직', '비즈니스']);
  });

  it('picks colours the prompt names, and a dark look when asked', () => {
    expect(planSite('a dark landing page for a jazz club').theme.mode).toBe('dark');
    expect(planSite('a landing page for a plumber in dark blue').theme).toEqual({ mode: 'light', hue: 218 });
    expect(planSite('초록색 텃밭 모임 페이지').theme.hue).toBe(135);
  });

  it('keeps a page a page when the prompt is a wall of items and addresses', () => {
    const wall = Array.from(
      { length: 300 },
      (_, i) => `dish ${i} $${i + 1}, call 020 7946 ${String(1000 + i)}, write a${i}@x.org`,
    ).join('; ');
    const plan = planSite(`A restaurant menu: ${wall}`);
    expect(plan.facts.items).toHaveLength(40);
    expect(plan.facts.phones).toHaveLength(3);
    expect(plan.facts.emails).toHaveLength(3);
  });
});
