import { describe, expect, it } from 'vitest';
import { normalizeKeyword, parseCountry, parseIntent } from './fields';
import { escapeFormula, unescapeFormula } from './formula';
import { parseNumber } from './numbers';

const count = (cell: string, decimalComma = false) => parseNumber(cell, 'count', decimalComma);
const decimal = (cell: string, decimalComma = false) => parseNumber(cell, 'decimal', decimalComma);

describe('parseNumber', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['1.200', 1200],
    ['1 200', 1200],
    ['1\u00a0200', 1200],
    ['1\u202f234\u202f567', 1_234_567],
    ["1'200", 1200],
    ['1,234,567', 1_234_567],
    ['1.234.567', 1_234_567],
    ['12K', 12_000],
    ['1.5M', 1_500_000],
    ['2.5k', 2500],
    ['1,5K', 1500],
    ['1K – 10K', 1000],
    ['100 – 1K', 100],
    ['0 – 10', 0],
    ['10K-100K', 10_000],
    ['1,000 to 10,000', 1000],
    ['0', 0],
  ])('reads the volume %j as %d', (cell, value) => {
    expect(count(cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['$1.20', false, 1.2],
    ['€0,80', true, 0.8],
    ['0,80 €', true, 0.8],
    ['0,80', false, 0.8],
    ['USD 1.20', false, 1.2],
    ['1,20 EUR', true, 1.2],
    ['1.234,56', true, 1234.56],
    ['1,234.56', false, 1234.56],
    ['1.500', false, 1.5],
    ['1.500', true, 1500],
    ['1,500', true, 1.5],
    ['0,125', false, 0.125],
    ['.5', false, 0.5],
    ['45%', false, 45],
    ['45 %', false, 45],
    ['$0.45 – $1.23', false, 0.45],
  ])('reads the decimal %j (decimal comma: %s) as %d', (cell, decimalComma, value) => {
    expect(decimal(cell, decimalComma)).toEqual({ ok: true, value });
  });

  it('returns negatives for the caller to reject', () => {
    expect(count('-5')).toEqual({ ok: true, value: -5 });
    expect(decimal('-$1.20')).toEqual({ ok: true, value: -1.2 });
    expect(decimal('(3.50)')).toEqual({ ok: true, value: -3.5 });
    expect(count('−1,000')).toEqual({ ok: true, value: -1000 });
  });

  it.each(['', '  ', '-', '–', 'n/a', 'N/A', '#N/A', 'null'])('reads the placeholder %j as empty', (cell) => {
    expect(count(cell)).toEqual({ ok: true, value: null });
  });

  it.each(['abc', 'lots', '1.2.3,4,5', '12 apples', '2024-05-01', '1,2,3', 'K', '1..2', '$', '1e5'])('rejects %j', (cell) => {
    expect(count(cell)).toEqual({ ok: false, reason: 'is not a number' });
  });
});

describe('parseIntent', () => {
  it.each([
    ['informational', 'informational'],
    ['Commercial', 'commercial'],
    ['Commercial, Informational', 'commercial'],
    ['I', 'informational'],
    ['n', 'navigational'],
    ['C, I', 'commercial'],
    ['T', 'transactional'],
    ['3', 'transactional'],
    ['0,1', 'commercial'],
    ['Branded, Transactional', 'transactional'],
    ['Branded', null],
    ['', null],
    ['buy', null],
  ])('reads %j as %s', (cell, intent) => {
    expect(parseIntent(cell)).toBe(intent);
  });
});

describe('parseCountry', () => {
  it('upper-cases two-letter codes and folds UK into GB', () => {
    expect(parseCountry(' us ')).toEqual({ ok: true, value: 'US' });
    expect(parseCountry('uk')).toEqual({ ok: true, value: 'GB' });
    expect(parseCountry('XK')).toEqual({ ok: true, value: 'XK' });
    expect(parseCountry('')).toEqual({ ok: true, value: null });
    expect(parseCountry('Worldwide')).toEqual({ ok: true, value: null });
  });

  it.each(['United States', 'USA', 'QQ', 'ZZ', 'XX', 'u'])('rejects %j', (cell) => {
    expect(parseCountry(cell).ok).toBe(false);
  });
});

describe('normalizeKeyword', () => {
  it('folds case, width and whitespace so duplicates meet', () => {
    const key = normalizeKeyword('Running Shoes');
    for (const variant of ['running shoes', '  RUNNING   shoes ', 'running\u00a0shoes', 'Ｒｕｎｎｉｎｇ　Ｓｈｏｅｓ', 'running\tshoes\u200b']) {
      expect(normalizeKeyword(variant)).toBe(key);
    }
    expect(key).toBe('running shoes');
    expect(normalizeKeyword('running shoe')).not.toBe(key);
  });

  it('composes accents written either way', () => {
    expect(normalizeKeyword('cafe\u0301')).toBe(normalizeKeyword('café'));
  });
});

describe('formula escaping', () => {
  it.each(['=SUM(A1)', '+1 shoes', '-5 off', '@home', '\tshoes', '\rshoes', "'=already quoted", "''+twice"])(
    'escapes %j with one quote and restores it',
    (text) => {
      const escaped = escapeFormula(text);
      expect(escaped).toBe(`'${text}`);
      expect(unescapeFormula(escaped)).toBe(text);
    },
  );

  it.each(['shoes', "'quoted", "rock 'n' roll", '5-10 shoes', ''])('leaves %j alone both ways', (text) => {
    expect(escapeFormula(text)).toBe(text);
    expect(unescapeFormula(text)).toBe(text);
  });
});
