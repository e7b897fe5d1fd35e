import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './paths';


const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8011),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // A connection URL for a role that the operator created in advance (see README). When unset the
  // migrator creates the `igny8_app` role itself and the service logs in with a derived password.
  DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  IGNY8_DATA_DIR: z.string().optional(),
  IGNY8_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9_-]{43}=?$/, 'must be 32 bytes as 64 hex characters or base64url')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // scrypt's cost parameter N as a power of two; every hash records its own, so raising it later
  // only affects new hashes.
  IGNY8_PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(16),
  // Password hashes (and checks) run at once per process, and how many may wait: the rest answer 503.
  IGNY8_PASSWORD_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  IGNY8_PASSWORD_QUEUE: z.coerce.number().int().min(0).max(10_000).default(100),
  // Sign-ups accepted per hour from one client address, and from everyone.
  IGNY8_SIGNUPS_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
  IGNY8_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).default(1000),
  IGNY8_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  // Keyword CSV uploads are streamed, so they may be far larger than a JSON body.
  IGNY8_MAX_IMPORT_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  // Smaller uploads are imported while the client waits; larger ones become a job it polls.
  IGNY8_IMPORT_INLINE_BYTES: z.coerce.number().int().min(0).default(1024 * 1024),
  // An upload that sends nothing for this long is answered 408 and dropped.
  IGNY8_BODY_IDLE_TIMEOUT_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  // A streamed answer (export) whose reader takes nothing for this long is cut off.
  IGNY8_SEND_IDLE_TIMEOUT_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  // Exports streaming at once per account, per process; more answer 429.
  IGNY8_MAX_EXPORTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(100).default(2),
  // A request that cannot get a database connection within this time answers 503 instead of queueing on.
  IGNY8_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(10_000),
  // Behind a reverse proxy the client's address comes from X-Forwarded-For (used to rate-limit sign-ins).
  IGNY8_TRUST_PROXY: z.stringbool().default(false),
  // How many proxies in front of the service append to X-Forwarded-For (only with IGNY8_TRUST_PROXY).
  IGNY8_TRUSTED_PROXIES: z.coerce.number().int().min(1).max(10).optional(),
  IGNY8_WORKER: z.enum(['in-process', 'off']).default('in-process'),
  IGNY8_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // A worker process silent this long is taken for dead and its jobs go to the others.
  IGNY8_WORKER_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  // Job slots one account may hold at once, across all worker processes (default: half of
  // IGNY8_WORKER_CONCURRENCY), so that one account's slow runs cannot make the others wait.
  IGNY8_ACCOUNT_MAX_JOBS: z.coerce.number().int().min(1).max(64).optional(),
  // Provider calls in flight at once per account, across all processes.
  IGNY8_AI_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  IGNY8_AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(120_000),
  // A provider that accepts the connection and never answers fails after these, not the whole limit.
  IGNY8_AI_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
  IGNY8_AI_FIRST_BYTE_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(60_000),
  // On for self-hosted installs whose providers or WordPress sites live on the LAN: URLs an account
  // enters may then reach private, loopback and link-local addresses.
  IGNY8_ALLOW_PRIVATE_NETWORK: z.stringbool().default(false),
  // One request to a WordPress site (a media upload included) fails after this long.
  IGNY8_WP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  // Where clients reach the service: the base of the links the service writes (pagination). Never
  // taken from the request's Host header, which the client controls.
  IGNY8_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Browser origins (a dashboard served elsewhere) allowed to call the API; none by default.
  IGNY8_CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().refine((o) => o === '*' || isOrigin(o), 'must be a comma list of origins such as https://app.example.com, or *')))
    .default([]),
});

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseAppUrl: string | undefined;
  dataDir: string;
  secretKey: string | undefined;
  jwtSecret: string | undefined;
  openai: { apiKey: string | undefined; baseUrl: string | undefined };
  logLevel: (typeof LOG_LEVELS)[number];
  passwordCost: number;
  passwordWork: { concurrency: number; queue: number };
  signupLimits: { perAddress: number; perHour: number };
  maxBodyBytes: number;
  maxImportBytes: number;
  importInlineBytes: number;
  bodyIdleTimeoutMs: number;
  sendIdleTimeoutMs: number;
  maxExportsPerAccount: number;
  dbAcquireTimeoutMs: number;
  trustProxy: boolean;
  /** Proxies whose X-Forwarded-For entries are trusted: 0 unless IGNY8_TRUST_PROXY is on. */
  trustedProxies: number;
  worker: 'in-process' | 'off';
  workerConcurrency: number;
  workerStaleSeconds: number;
  accountMaxJobs: number;
  ai: { concurrency: number; timeoutMs: number; connectTimeoutMs: number; firstByteTimeoutMs: number };
  allowPrivateNetwork: boolean;
  /** Deadline of one request to a WordPress site. */
  wpTimeoutMs: number;
  /** Without a trailing slash. */
  publicUrl: string;
  corsOrigins: string[];
};

/** Parses the environment once at start-up; a bad value stops the process with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL,
    // npm runs workspace scripts inside service/; a relative path means the folder the user ran npm from.
    dataDir: e.IGNY8_DATA_DIR ? resolve(env.INIT_CWD ?? process.cwd(), e.IGNY8_DATA_DIR) : DEFAULT_DATA_DIR,
    secretKey: e.IGNY8_SECRET_KEY,
    jwtSecret: e.JWT_SECRET,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL },
    logLevel: e.LOG_LEVEL,
    passwordCost: e.IGNY8_PASSWORD_COST,
    passwordWork: { concurrency: e.IGNY8_PASSWORD_CONCURRENCY, queue: e.IGNY8_PASSWORD_QUEUE },
    signupLimits: { perAddress: e.IGNY8_SIGNUPS_PER_ADDRESS, perHour: e.IGNY8_SIGNUPS_PER_HOUR },
    maxBodyBytes: e.IGNY8_MAX_BODY_BYTES,
    maxImportBytes: e.IGNY8_MAX_IMPORT_BYTES,
    importInlineBytes: e.IGNY8_IMPORT_INLINE_BYTES,
    bodyIdleTimeoutMs: e.IGNY8_BODY_IDLE_TIMEOUT_MS,
    sendIdleTimeoutMs: e.IGNY8_SEND_IDLE_TIMEOUT_MS,
    maxExportsPerAccount: e.IGNY8_MAX_EXPORTS_PER_ACCOUNT,
    dbAcquireTimeoutMs: e.IGNY8_DB_ACQUIRE_TIMEOUT_MS,
    trustProxy: e.IGNY8_TRUST_PROXY,
    trustedProxies: e.IGNY8_TRUST_PROXY ? (e.IGNY8_TRUSTED_PROXIES ?? 1) : 0,
    worker: e.IGNY8_WORKER,
    workerConcurrency: e.IGNY8_WORKER_CONCURRENCY,
    workerStaleSeconds: e.IGNY8_WORKER_STALE_SECONDS,
    accountMaxJobs: e.IGNY8_ACCOUNT_MAX_JOBS ?? Math.max(1, Math.floor(e.IGNY8_WORKER_CONCURRENCY / 2)),
    ai: {
      concurrency: e.IGNY8_AI_CONCURRENCY,
      timeoutMs: e.IGNY8_AI_TIMEOUT_MS,
      connectTimeoutMs: e.IGNY8_AI_CONNECT_TIMEOUT_MS,
      firstByteTimeoutMs: e.IGNY8_AI_FIRST_BYTE_TIMEOUT_MS,
    },
    allowPrivateNetwork: e.IGNY8_ALLOW_PRIVATE_NETWORK,
    wpTimeoutMs: e.IGNY8_WP_TIMEOUT_MS,
    publicUrl: (e.IGNY8_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    corsOrigins: e.IGNY8_CORS_ORIGINS,
  };
}
