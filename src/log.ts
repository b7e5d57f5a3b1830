/** Structured logging. Stored text (progress, notes) is never logged: only ids, codes and counts. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
    return pino(
        {
            level,
            base: { app: 'khg-bot' },
            redact: { paths: ['*.password', '*.appPassword', '*.token', 'req.headers.authorization'], remove: true },
        },
        destination,
    );
}

/** A logger that writes nothing, for tests and the command line. */
export const silentLogger: Logger = pino({ level: 'silent' });
