import type { Config } from '../../config';
import type { recentFailedSignins, recentSignups } from './queries';

/**
 * Failed sign-ins allowed within the window. A wrong password is charged to the email and address
 * together, so that guessing from one place cannot lock the user out everywhere else; the address
 * also slows down exponentially, so one place cannot spray guesses over many emails; and a high
 * per-email ceiling only slows guessing spread over many addresses, from which the addresses the
 * user signed in from before are exempt.
 */
export const SIGNIN_LIMITS = {
  windowSeconds: 15 * 60,
  /** Failures of one email from one address. */
  perPair: 10,
  /** Failures of one email from all addresses that are new to its user. */
  perEmail: 100,
  /** Failures of one address, whatever the email, before each further one doubles its wait from 1 s. */
  perAddressFree: 20,
};

/** The period the sign-up limits count over. */
export const SIGNUP_WINDOW_SECONDS = 60 * 60;

type FailedSignins = Awaited<ReturnType<typeof recentFailedSignins>>;
type Signups = Awaited<ReturnType<typeof recentSignups>>;

/** Whole seconds to wait before trying again (at least 1), or 0 when nothing is waited for. */
function longest(waits: number[]): number {
  const wait = Math.max(0, ...waits);
  return wait > 0 ? Math.max(1, Math.ceil(wait)) : 0;
}

/** Seconds until this address may try this email again; 0 when it may now. */
export function signinWait(f: FailedSignins): number {
  const { windowSeconds, perPair, perEmail, perAddressFree } = SIGNIN_LIMITS;
  const waits: number[] = [];
  // A limit reached means its oldest failure holds it until that failure leaves the window.
  if (f.byPair >= perPair) waits.push(windowSeconds - f.pairAge);
  if (f.byEmail >= perEmail && !f.knownAddress) waits.push(windowSeconds - f.emailAge);
  if (f.byIp >= perAddressFree) waits.push(Math.min(windowSeconds, 2 ** (f.byIp - perAddressFree)) - f.sinceIpFailure);
  return longest(waits);
}

/** Seconds until this address may sign up again; 0 when it may now. */
export function signupWait(s: Signups, limits: Config['signupLimits']): number {
  const waits: number[] = [];
  if (s.byIp >= limits.perAddress) waits.push(SIGNUP_WINDOW_SECONDS - s.ipAge);
  if (s.total >= limits.perHour) waits.push(SIGNUP_WINDOW_SECONDS - s.totalAge);
  return longest(waits);
}
