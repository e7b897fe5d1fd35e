import pino from 'pino';

export type Logger = pino.Logger;

// Secrets must never reach the logs, whatever object a caller hands to the logger.
const REDACT = [
  'password', '*.password', 'api_key', '*.api_key', 'apiKey', '*.apiKey', 'wp_app_password',
  '*.wp_app_password', 'access', 'refresh', '*.access', '*.refresh', 'req.headers.authorization',
  'headers.authorization', 'authorization',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'igny8' } });
}
