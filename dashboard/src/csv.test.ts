import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { fillDays } from './pages/usage';

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas, but keeps negative numbers', () => {
    const csv = toCsv(['amount', 'reason'], [
      { amount: -3, reason: 'generate_ideas: "charged", 3' },
      { amount: 5, reason: '=HYPERLINK("x")' },
    ]);
    expect(csv).toBe('amount,reason\r\n-3,"generate_ideas: ""charged"", 3"\r\n5,"\'=HYPERLINK(""x"")"\r\n');
  });
});

describe('fillDays', () => {
  it('gives every day of the range, with zero where nothing ran', () => {
    expect(fillDays('2026-03-30', '2026-04-02', [{ day: '2026-03-31T00:00:00.000Z', credits: 7, runs: 2, tokens_in: 0, tokens_out: 0, cost_usd: 0 }])).toEqual({
      days: ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'],
      credits: [0, 7, 0, 0],
    });
  });
});
