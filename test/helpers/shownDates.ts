/**
 * Every card the bot sends in the HTTP tests is read for dates written 2026-11-30 where a person sees
 * them (the cards write "30 Nov 2026"): the bot's answers to invokes and the activities the fake Bot
 * Connector receives. A test that made the bot send such a card fails after it (see rootHooks.ts).
 */
import { isoDateProblems } from '../../scripts/lib/gallery/rules.js';

const found: string[] = [];
let checking = true;

/**
 * Turns the checks off (or on again). The bench turns them off: it measures the bot, and reading each
 * card in the same process would count the test's own work against it.
 */
export function checkShownDatesIn(enabled: boolean): void {
    checking = enabled;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Reads a response body or activity for Adaptive Cards and records the ISO dates they show. */
export function checkShownDates(where: string, body: unknown): void {
    if (!checking) return;
    const walk = (n: unknown) => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
            const o = n as Record<string, unknown>;
            if (o.contentType === ADAPTIVE && o.content) record(where, o.content);
            else if (o.type === ADAPTIVE && o.value) record(where, o.value);
            else if (o.type === 'AdaptiveCard') record(where, o);
            else for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
        }
    };
    walk(body);
}

function record(where: string, card: unknown) {
    for (const p of isoDateProblems(card)) found.push(`${where}: ${p}`);
}

/** The problems recorded since the last call, and a fresh start. */
export function takeShownDateProblems(): string[] {
    return found.splice(0, found.length);
}
