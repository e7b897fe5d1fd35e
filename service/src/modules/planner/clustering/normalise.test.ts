import { describe, expect, it } from 'vitest';
import { charNgrams, lexicalFeatures, stems, tokenise } from './normalise';
import { buildLexicalRows, rowDot } from './sparse';

describe('keyword normalisation', () => {
  it('lower-cases, folds accents and drops punctuation', () => {
    expect(tokenise('Café Crème — BRÛLÉE!!')).toEqual(['cafe', 'creme', 'brulee']);
    expect(tokenise('running-shoes, size 10.5')).toEqual(['running', 'shoes', 'size', '10', '5']);
    expect(tokenise("men's   boots")).toEqual(['mens', 'boots']);
    expect(tokenise('  ?? !! ')).toEqual([]);
  });

  it('keeps letters of other scripts', () => {
    expect(tokenise('Кофемолка ручная')).toEqual(['кофемолка', 'ручная']);
  });

  it('drops stop words and stems what is left', () => {
    expect(stems('How to clean a coffee grinder')).toEqual(['clean', 'coffe', 'grinder']);
    expect(stems('running shoes')).toEqual(stems('run shoe'));
    expect(stems('Cleaning Tables')).toEqual(['clean', 'tabl']);
  });

  it('keeps stop words when a keyword has nothing else', () => {
    expect(stems('how to')).toEqual(['how', 'to']);
  });

  it('makes boundary-marked character 3- and 4-grams', () => {
    expect(charNgrams('run')).toEqual(['#ru', 'run', 'un#', '#run', 'run#']);
    expect(charNgrams('a')).toEqual(['#a#']);
  });

  it('gives every word the same n-gram weight whatever its length', () => {
    const mass = (keyword: string) => {
      let sum = 0;
      for (const [feature, weight] of lexicalFeatures(keyword)) if (feature.startsWith('g:')) sum += weight * weight;
      return sum;
    };
    expect(mass('stainless')).toBeCloseTo(mass('pot'), 10);
  });
});

describe('lexical similarity', () => {
  const corpus = ['running shoes', 'run shoe', 'runing shoes', 'trail running shoes', 'coffee grinder', 'coffee grinders', 'burr coffee grinder', 'shoes'];
  const rows = buildLexicalRows(corpus);
  const sim = (a: string, b: string) => rowDot(rows, corpus.indexOf(a), corpus.indexOf(b));

  it('treats inflections as the same keyword', () => {
    expect(sim('running shoes', 'run shoe')).toBeCloseTo(1, 5);
  });

  it('keeps a misspelling close to the correct spelling', () => {
    expect(sim('running shoes', 'runing shoes')).toBeGreaterThan(0.6);
    expect(sim('running shoes', 'runing shoes')).toBeGreaterThan(sim('running shoes', 'coffee grinder'));
  });

  it('finds nothing in common between unrelated keywords', () => {
    expect(sim('running shoes', 'coffee grinder')).toBe(0);
  });

  it('gives unit vectors and leaves a keyword of punctuation empty', () => {
    const withEmpty = buildLexicalRows(['running shoes', '!!!', 'running shoes']);
    expect(rowDot(withEmpty, 0, 0)).toBeCloseTo(1, 5);
    expect(withEmpty.offsets[2]! - withEmpty.offsets[1]!).toBe(0);
  });
});
