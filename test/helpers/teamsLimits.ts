/**
 * Teams' throttling, played by the fake Bot Connector: per-conversation limits on sends (7 per 1 s,
 * 8 per 2 s, 60 per 30 s, 1800 per hour), a ceiling on requests per second across the app, and
 * injected faults (429s with and without `Retry-After`, 503s) drawn from a seeded generator so a run
 * can be repeated. Shared by the tests and the benchmark.
 */
import type { FakeConnector, FakeResponse, Interceptor } from './fakeConnector.js';

export interface TeamsLimitOptions {
    /** Requests per second across the whole app (Teams: about 50). */
    appPerSecond?: number;
    /** Sends per conversation: [window ms, limit] pairs. */
    perConversation?: readonly (readonly [number, number])[];
    /** Share of calls answered 429 at random (half of them without `Retry-After`). */
    random429?: number;
    /** Share of calls answered 503 at random. */
    random503?: number;
    /** `Retry-After` seconds on the 429s that carry one. */
    retryAfterSeconds?: number;
    seed?: number;
    now?: () => number;
}

export const TEAMS_PER_CONVERSATION: readonly (readonly [number, number])[] = [
    [1000, 7],
    [2000, 8],
    [30_000, 60],
    [3_600_000, 1800],
];

export interface LimitStats {
    /** Calls that reached the connector. */
    requests: number;
    /** Calls answered 429 because a limit was exceeded (the sender went too fast). */
    overLimit: { app: number; conversation: number };
    /** Faults injected at random. */
    injected: { throttledWithRetryAfter: number; throttledWithout: number; unavailable: number };
    /** The most requests seen in any one-second window. */
    peakPerSecond: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const throttled = (retryAfterSeconds?: number): FakeResponse => ({
    status: 429,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: { error: { code: 'Throttled', message: 'Too many requests' } },
});

/**
 * Puts Teams' limits in front of the connector's answers (for sends, replies and new conversations);
 * returns live statistics. Requests over a limit are answered 429 with `Retry-After`, as Teams does.
 */
export function enforceTeamsLimits(connector: FakeConnector, options: TeamsLimitOptions = {}): LimitStats {
    const now = options.now ?? Date.now;
    const appPerSecond = options.appPerSecond ?? 50;
    const windows = options.perConversation ?? TEAMS_PER_CONVERSATION;
    const random = seededRandom(options.seed ?? 1);
    const retryAfter = options.retryAfterSeconds ?? 1;
    const stats: LimitStats = {
        requests: 0,
        overLimit: { app: 0, conversation: 0 },
        injected: { throttledWithRetryAfter: 0, throttledWithout: 0, unavailable: 0 },
        peakPerSecond: 0,
    };
    const app: number[] = [];
    const byConversation = new Map<string, number[]>();
    const previous = connector.interceptor;

    const interceptor: Interceptor = (call) => {
        if (call.kind !== 'send' && call.kind !== 'reply' && call.kind !== 'createConversation')
            return previous?.(call);
        const t = now();
        stats.requests++;
        while (app.length > 0 && app[0] <= t - 1000) app.shift();
        app.push(t);
        stats.peakPerSecond = Math.max(stats.peakPerSecond, app.length);
        if (app.length > appPerSecond) {
            stats.overLimit.app++;
            return throttled(1);
        }
        if (call.conversationId) {
            const times = byConversation.get(call.conversationId) ?? [];
            const longest = windows.reduce((m, [w]) => Math.max(m, w), 0);
            while (times.length > 0 && times[0] <= t - longest) times.shift();
            times.push(t);
            byConversation.set(call.conversationId, times);
            if (windows.some(([w, limit]) => times.filter((x) => x > t - w).length > limit)) {
                stats.overLimit.conversation++;
                return throttled(1);
            }
        }
        const r = random();
        const p429 = options.random429 ?? 0;
        const p503 = options.random503 ?? 0;
        if (r < p429 / 2) {
            stats.injected.throttledWithRetryAfter++;
            return throttled(retryAfter);
        }
        if (r < p429) {
            stats.injected.throttledWithout++;
            return throttled();
        }
        if (r < p429 + p503) {
            stats.injected.unavailable++;
            return { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Try again later' } } };
        }
        return previous?.(call);
    };
    connector.interceptor = interceptor;
    return stats;
}
