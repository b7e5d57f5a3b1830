/**
 * What a failed send means, following Microsoft's guidance for Teams bots: honour Retry-After, else
 * back off exponentially with jitter; retry 412, 429, 502, 503 and 504 (and network faults); a person
 * who blocked or removed the bot (403) or a conversation that is gone (404) is recorded, not retried.
 */

export type Outcome =
    'sent' | 'throttled then sent' | 'blocked' | 'notFound' | 'notInstalled' | 'failed' | 'unconfirmed';

/** A send that failed, as the transport reports it. */
export class SendError extends Error {
    constructor(
        readonly status: number | undefined,
        readonly code: string | undefined,
        message: string,
        /** From the response's Retry-After header, when there was one. */
        readonly retryAfterMs?: number,
    ) {
        super(message);
        this.name = 'SendError';
    }
}

export type Decision =
    | { retry: true; throttled: boolean; afterMs?: number }
    | { retry: false; outcome: Exclude<Outcome, 'sent' | 'throttled then sent' | 'unconfirmed'>; reason: string };

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

export function classify(err: SendError): Decision {
    const { status, code } = err;
    if (status === 429) return { retry: true, throttled: true, afterMs: err.retryAfterMs };
    if (status !== undefined && RETRYABLE.has(status))
        return { retry: true, throttled: false, afterMs: err.retryAfterMs };
    if (status === 403) {
        return {
            retry: false,
            outcome: 'blocked',
            reason: code ? `${code}: the person blocked or removed the bot` : 'forbidden (403)',
        };
    }
    if (status === 404)
        return {
            retry: false,
            outcome: 'notFound',
            reason: code ? `${code}: the conversation no longer exists` : 'not found (404)',
        };
    if (status === undefined) return { retry: true, throttled: false }; // network fault: no answer at all
    return {
        retry: false,
        outcome: 'failed',
        reason: `${status}${code ? ` ${code}` : ''}: ${err.message}`.slice(0, 300),
    };
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
    if (!value) return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential back-off with full jitter: a random wait in [0, min(max, base * 2^attempt)). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
    const cap = Math.min(maxMs, baseMs * 2 ** attempt);
    return Math.floor(random() * cap);
}
