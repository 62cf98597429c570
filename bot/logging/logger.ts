import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message text and personal data never reach a log: the redact list is a
 * safety net for fields that must never be logged even if a caller passes a whole activity.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'relais' },
      redact: {
        paths: ['text', '*.text', 'activity', '*.activity', 'attachments', '*.attachments', 'from.name', '*.from.name', 'authorization', '*.authorization', 'token', '*.token', 'secret', '*.secret'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
