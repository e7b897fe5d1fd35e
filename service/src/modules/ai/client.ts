import type { ConcurrencyLimiter } from '../../providers/limiter';
import type { ImageProvider, TextProvider, Usage } from '../../providers/types';
import { RunError, type PromptRequest } from './types';

export type AccountProviders = {
  text: TextProvider | null;
  images: ImageProvider | null;
  /** Which service `images` is, for the record of each image made. */
  imageSource?: 'runware' | 'openai';
};

/**
 * The providers of one run's account: every call goes through the account's concurrency limit and
 * adds its tokens and cost to the run's usage.
 */
export class AIClient {
  readonly usage = { tokensIn: 0, tokensOut: 0, costUsd: 0, model: null as string | null };

  constructor(
    private readonly providers: AccountProviders,
    private readonly limiter: ConcurrencyLimiter,
    private readonly accountId: string,
  ) {}

  get hasText(): boolean {
    return this.providers.text !== null;
  }

  async json<T>(req: PromptRequest<T>): Promise<T> {
    const text = this.requireText();
    const answer = await this.limiter.run(this.accountId, () => text.completeJson(req));
    this.add(answer);
    return answer.data;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const text = this.requireText();
    const answer = await this.limiter.run(this.accountId, () => text.embed(texts));
    this.add(answer);
    return answer.vectors;
  }

  async image(req: Parameters<ImageProvider['generate']>[0]): Promise<{ bytes: Buffer; mime: string; provider: string; model: string }> {
    if (!this.providers.images) throw new RunError('No image provider is configured: add an OpenAI or Runware key under System → Integrations.');
    const images = this.providers.images;
    const answer = await this.limiter.run(this.accountId, () => images.generate(req));
    this.add(answer);
    return { bytes: answer.bytes, mime: answer.mime, provider: this.providers.imageSource ?? 'openai', model: answer.model };
  }

  private requireText(): TextProvider {
    if (!this.providers.text) throw new RunError('No AI provider is configured: add an OpenAI-compatible key under System → Integrations.');
    return this.providers.text;
  }

  private add(u: Usage) {
    this.usage.tokensIn += u.tokensIn;
    this.usage.tokensOut += u.tokensOut;
    this.usage.costUsd += u.costUsd;
    this.usage.model ??= u.model;
  }
}
