/**
 * One error type for expected failures. The code is stable (tests and logs use it); the message is
 * written for the person who will read it, in the partnership's words.
 */
export class AppError extends Error {
    constructor(
        readonly code: string,
        message: string,
        readonly details?: Record<string, unknown>,
    ) {
        super(message);
        this.name = 'AppError';
    }
}

export function isAppError(err: unknown, code?: string): err is AppError {
    return err instanceof AppError && (code === undefined || err.code === code);
}
