import PQueue from 'p-queue';
import { ApiError, invalid } from '../../http/errors';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../lib/passwords';
import { weakPasswordReason } from './password-strength';

/** Sign-ins go first: someone is waiting at a form, while a sign-up or a new user can wait a moment. */
const SIGNIN = 1;
const OTHER = 0;

/**
 * Every password hash and check of this process goes through one small queue. scrypt takes tens of
 * milliseconds of a core and many megabytes each, so without a bound a burst of sign-ups fills
 * every thread and a real sign-in waits seconds behind them; beyond the queue's length the caller
 * is told to come back (503) instead of waiting longer still.
 */
export class PasswordWork {
  readonly #queue: PQueue;

  constructor(
    private readonly cost: number,
    private readonly limits: { concurrency: number; queue: number },
  ) {
    this.#queue = new PQueue({ concurrency: limits.concurrency });
  }

  /** Checks a new password for strength (400 on `password` when weak), then hashes it. */
  hashNew(password: string, context: Array<string | undefined>): Promise<string> {
    return this.#run(OTHER, () => {
      const reason = weakPasswordReason(password, context);
      if (reason) throw invalid('Choose a stronger password.', { password: [reason] });
      return hashPassword(password, this.cost);
    });
  }

  /**
   * Checks a password against a stored hash; without one (unknown user) spends the same time, so
   * that an unknown email cannot be told from a wrong password.
   */
  verify(password: string, stored: string | null): Promise<boolean> {
    return this.#run(SIGNIN, async () => {
      if (stored) return verifyPassword(password, stored);
      await burnPasswordCheck(password, this.cost);
      return false;
    });
  }

  async #run<T>(priority: number, work: () => Promise<T>): Promise<T> {
    // Only work that would go first counts: sign-ins are turned away when sign-ins alone fill the queue.
    const ahead = priority === SIGNIN ? this.#queue.sizeBy({ priority }) : this.#queue.size;
    if (ahead >= this.limits.queue && this.#queue.pending >= this.limits.concurrency) {
      throw new ApiError('service_unavailable', 'The service is busy; try again in a moment.', { headers: { 'Retry-After': '1' } });
    }
    return this.#queue.add(work, { priority });
  }
}
