/**
 * What a failed send means, following Microsoft's guidance for Teams bots: honour Retry-After, else
 * back off exponentially with jitter; retry 412, 429, 502, 503 and 504 (and network faults). A 403's
 * meaning is in its error code: only some codes say the person or an admin shut the bot out
 * (`PERMANENT_403`); any other 403 (such as `BadArgument` "Failed to decrypt conversation id", a
 * service fault) and a 404 `ConversationNotFound` (a stale conversation id) are worth a fresh
 * one-to-one chat and one more try, never a mark that the person removed the bot.
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

/**
 * What a send that will not be retried as it is means:
 * - `permanent`: the person blocked the bot, an admin disabled it, or the bot is no longer in the chat
 *   (the app was uninstalled): the chat is marked so, and only an install or a message reopens it.
 * - `stale`: the conversation id is no good now (404, or a 403 whose code is not a permanent one): a
 *   fresh one-to-one chat may be opened and the message sent once more.
 * - neither: bad data or a fault of the bot's own (400, 401, 413...): recorded as it is.
 */
export type Decision =
    | { retry: true; throttled: boolean; afterMs?: number }
    | {
          retry: false;
          outcome: Exclude<Outcome, 'sent' | 'throttled then sent' | 'unconfirmed'>;
          reason: string;
          permanent: boolean;
          stale: boolean;
      };

const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);

/**
 * The 403 error codes that mean the bot cannot write to this person or chat until they (or an admin)
 * change something, each with what it means in words for the partnership manager. Source: Microsoft's
 * "Status codes from bot conversational APIs" for Teams.
 */
export const PERMANENT_403: Readonly<Record<string, string>> = {
    ConversationBlockedByUser: 'they blocked the bot',
    BotDisabledByAdmin: "their organisation's Teams admin disabled the bot",
    MessageWritesBlocked: 'Teams blocks the bot from writing to this chat',
    BotNotInConversationRoster: 'the bot is no longer in this chat (the app was uninstalled or removed)',
};

/** The service's own words, shortened, for a reason shown to people. */
const said = (err: SendError) => (err.message ? ` "${err.message.slice(0, 120)}"` : '');

/** What a failed send means: retry it, or record it (and whether a fresh chat is worth a try). */
export function classify(err: SendError): Decision {
    const { status, code } = err;
    if (status === 429) return { retry: true, throttled: true, afterMs: err.retryAfterMs };
    if (status !== undefined && RETRYABLE.has(status))
        return { retry: true, throttled: false, afterMs: err.retryAfterMs };
    if (status === 403 && code && Object.hasOwn(PERMANENT_403, code)) {
        return {
            retry: false,
            outcome: 'blocked',
            reason: `${code}: ${PERMANENT_403[code]}`,
            permanent: true,
            stale: false,
        };
    }
    if (status === 403) {
        return {
            retry: false,
            outcome: 'failed',
            reason: `403 ${code ?? 'with no error code'}${said(err)}: Teams refused the send, which does not say the person blocked the bot`,
            permanent: false,
            stale: true,
        };
    }
    if (status === 404)
        return {
            retry: false,
            outcome: 'notFound',
            reason: `${code ?? '404'}: the saved chat no longer exists`,
            permanent: false,
            stale: true,
        };
    if (status === undefined) return { retry: true, throttled: false }; // network fault: no answer at all
    return {
        retry: false,
        outcome: 'failed',
        reason: `${status}${code ? ` ${code}` : ''}: ${err.message}`.slice(0, 300),
        permanent: false,
        stale: false,
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
