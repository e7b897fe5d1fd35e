import { describe, expect, it } from 'vitest';
import { imageCostUsd, tokenCostUsd } from './pricing';

describe('pricing', () => {
  it('prices dated snapshots and router names like their model, and unknown models at 0', () => {
    expect(tokenCostUsd('gpt-4o', 1_000_000, 1_000_000)).toBe(12.5);
    expect(tokenCostUsd('gpt-4o-2024-08-06', 1_000_000, 0)).toBe(2.5);
    expect(tokenCostUsd('openai/gpt-4o-mini', 1_000_000, 0)).toBe(0.15);
    expect(tokenCostUsd('gpt-4.1-mini-2025-04-14', 0, 1_000_000)).toBe(1.6);
    expect(tokenCostUsd('text-embedding-3-large', 2_000_000, 0)).toBeCloseTo(0.26, 10);
    expect(tokenCostUsd('llama3.1:8b', 1_000_000, 1_000_000)).toBe(0);
    expect(imageCostUsd('dall-e-3', '1024x1792')).toBe(0.08);
    expect(imageCostUsd('dall-e-3', '640x480')).toBe(0);
    expect(imageCostUsd('sdxl', '1024x1024')).toBe(0);
  });
});
