import pino from 'pino';

export type Logger = pino.Logger;

// Secrets must never reach the logs, whatever object a caller hands to the logger.
const REDACT = [
  'password', '*.password', 'api_key', '*.api_key', 'apiKey', '*.apiKey', 'wp_app_password',
  '*.wp_app_password', 'access', 'refresh', '*.access', '*.refresh', 'req.headers.authorization',
  'headers.authorization', 'authorization',
];

/** The service's logger; `destination` defaults to stdout (tests pass a stream to read what is logged). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'igny8' } };
  return destination ? pino(options, destination) : pino(options);
}
