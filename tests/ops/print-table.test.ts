import { describe, expect, it } from 'vitest';
import { formatDuration, renderText } from '../../ops/print-table.ts';

describe('ops output as text', () => {
  it('prints rows as a table: headings from the names, numbers right-aligned, times to the second, units shown', () => {
    const text = renderText([
      {
        id: 'a',
        attempts: 1,
        createdAt: new Date('2026-11-22T04:05:06.789Z'),
        durationMs: 1234,
        costUsd: '0.01234000',
      },
      { id: 'bb', attempts: 12, createdAt: null, durationMs: 450, costUsd: null },
    ]);
    expect(text.split('\n')).toEqual([
      'id  attempts  created at            duration     cost',
      'a          1  2026-11-22T04:05:06Z     1.2 s  $0.0123',
      'bb        12  -                       450 ms        -',
    ]);
  });

  it('prints an object as aligned lines, with nested rows and objects under their own heading', () => {
    const text = renderText({ queue: 'orchestrator.parked', purged: 3, jobs: [], outbox: { unpublished: 0 } });
    expect(text.split('\n')).toEqual([
      'queue   orchestrator.parked',
      'purged  3',
      '',
      'jobs:',
      '  (none)',
      '',
      'outbox:',
      '  unpublished  0',
    ]);
  });

  it('cuts long cells in tables to one line', () => {
    const text = renderText([{ prompt: `a landing page\nfor ${'a very '.repeat(20)}big bakery` }]);
    const row = text.split('\n')[1]!;
    expect(row.length).toBeLessThanOrEqual(48);
    expect(row).toMatch(/^a landing page for a very .*…$/);
  });

  it('writes durations the way people read them', () => {
    expect([850, 1200, 95_000, 7_200_000].map(formatDuration)).toEqual(['850 ms', '1.2 s', '1.6 min', '2.0 h']);
  });
});
