/**
 * The partnership manager's digest for the Board: one period's progress by theme and objective, who
 * has not reported, the cross sub-group matters raised, and the register's state. The model is plain
 * data; the card, the spreadsheet and the Markdown summary are all rendered from it.
 */
import { showDate } from './partialDate.js';
import type { Milestone } from './model.js';
import type { Rag } from './progress.js';
import type { ObjectiveMatrix } from './strategy.js';
import { counted } from './words.js';

export interface DigestEntry {
    groupId: string;
    groupName: string;
    contribution: string;
    rag: Rag;
    /** The previous period's RAG for the same group and objective, when there was one. */
    previousRag?: Rag;
    text: string;
    noChange: boolean;
    submittedBy: string;
    submittedAt: string;
    onBehalf: boolean;
    /** The group's milestones under this objective, as they stand now. */
    milestones: Milestone[];
}

export interface DigestObjective {
    ref: string;
    theme: string;
    themeName: string;
    text: string;
    entries: DigestEntry[];
    /** Contributing groups that have not reported for the period. */
    missing: string[];
}

/** A reminder the bot tried for a group's update: when, to whom, and what became of it (from the delivery ledger). */
export interface ReminderTried {
    step: string;
    at: string;
    /** The ledger's outcome: sent, throttled then sent, blocked, notFound, notInstalled, failed, unconfirmed, sending. */
    outcome: string;
    to: string;
    reason?: string;
}

export interface MissingGroup {
    groupId: string;
    groupName: string;
    period: string;
    /** "November 2026 update". */
    periodLabel: string;
    due: string;
    /** Past its due date. */
    late: boolean;
    /** The chairs' and vice-chairs' names. */
    chairs: string[];
    /** The same people with their roles, for "chair Priya Shah; vice-chair Chris Lane". */
    people: { name: string; role: 'chair' | 'vice_chair' }[];
    /** Reminders tried for the period, oldest first. */
    reminders: ReminderTried[];
}

/** One group's update in the round, whatever its state. */
export interface RoundUpdate {
    groupId: string;
    groupName: string;
    period: string;
    /** "November 2026 update". */
    periodLabel: string;
    due: string;
    state: 'submitted' | 'draft' | 'not_started';
    submittedAt?: string;
    /** Submitted before its due date. */
    early: boolean;
    late: boolean;
    closed: boolean;
}

/** Which round a digest is for (see domain/rounds.ts). */
export interface DigestRound {
    id: string;
    kind: 'current' | 'month' | 'board';
    label: string;
    meeting?: string;
    paperDeadline?: string;
}

export interface CrossGroupMatter {
    groupName: string;
    text: string;
    concerns: string[];
    submittedBy: string;
}

export interface RegisterSummary {
    /**
     * The register in one sentence, by what the evidence says: every document in force counted once, the
     * parts adding up to the total it states.
     */
    headline: string;
    /** The first few by the register's priority, with why. */
    top: { title: string; state: string; why: string }[];
    /** Every document with its due state, for the spreadsheet. */
    rows: {
        title: string;
        owners: string;
        state: string;
        due: string;
        lastReviewed: string;
        status: string;
        note: string;
    }[];
}

/** An objective no group has taken on: a gap the Board should see. */
export interface DigestGap {
    ref: string;
    themeName: string;
    text: string;
}

/** A chair's open "help needed" on an objective. */
export interface DigestHelpRequest {
    groupName: string;
    ref: string;
    /** "the Board", "the partnership manager", or a group's name. */
    from: string;
    need: string;
    /** The update it was raised in. */
    period: string;
    raisedBy: string;
}

export interface Digest {
    /** The round's id (`current`, `YYYY-MM` or `board-YYYY-MM-DD`): what a card or a link asks for again. */
    period: string;
    label: string;
    round: DigestRound;
    /** Every group's update in the round, soonest due first. */
    updates: RoundUpdate[];
    generatedAt: string;
    /** Filters the manager asked for, in words ("Affordability theme", "KHOG"). */
    scope: string[];
    reported: number;
    expected: number;
    missing: MissingGroup[];
    objectives: DigestObjective[];
    matters: CrossGroupMatter[];
    register?: RegisterSummary;
    /** Objectives no group has taken on (in the digest's theme, when it has one). */
    gaps: DigestGap[];
    /** Help requests still open, from the groups in the digest. */
    helpRequests: DigestHelpRequest[];
    /** Every objective and the groups contributing, for the workbook's Objectives sheet. */
    matrix?: ObjectiveMatrix;
}

export const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, not_rated: -1 };

/** "improved", "worse", "same" or "" (not comparable), for a RAG against the previous period's. */
export function ragMovement(now: Rag, before?: Rag): 'improved' | 'worse' | 'same' | '' {
    if (!before || now === 'not_rated' || before === 'not_rated') return '';
    const d = RAG_ORDER[now] - RAG_ORDER[before];
    return d > 0 ? 'improved' : d < 0 ? 'worse' : 'same';
}

/** The first lines of a long text, for a card: at most `maxChars`, cut at a word, with an ellipsis. */
export function firstLines(text: string, maxLines = 3, maxChars = 280): string {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    let out = lines.slice(0, maxLines).join('\n');
    const cut = out.length > maxChars || lines.length > maxLines;
    if (out.length > maxChars) out = out.slice(0, maxChars).replace(/\s+\S*$/, '');
    return cut ? `${out}…` : out;
}

/** "3 of 9 groups have reported", "1 of 2 groups has reported", "the one group in this round has not reported yet". */
export function reportedLine(reported: number, expected: number): string {
    if (expected === 0) return 'No group has an update in this round.';
    if (expected === 1)
        return reported === 1
            ? 'The one group in this round has reported.'
            : 'The one group in this round has not reported yet.';
    if (reported === expected) return `All ${expected} groups have reported.`;
    return `${reported} of ${expected} groups ${reported === 1 ? 'has' : 'have'} reported.`;
}

/** "chair Priya Shah; vice-chair Chris Lane", or "no chair on the roster". */
export function chairsLine(people: MissingGroup['people']): string {
    if (people.length === 0) return 'no chair or vice-chair on the roster';
    return people.map((p) => `${p.role === 'chair' ? 'chair' : 'vice-chair'} ${p.name}`).join('; ');
}

const DELIVERED = new Set(['sent', 'throttled then sent']);

/** Why a reminder did not reach someone, in words, with Teams' reason where it adds something. */
export function notReachedReason(outcome: string, to: string, reason?: string): string {
    const why = reason ? ` (${reason})` : '';
    switch (outcome) {
        case 'notInstalled':
            return `the bot is not installed for ${to}`;
        case 'blocked':
            return `${to} has blocked or removed the bot${why}`;
        case 'notFound':
            return `Teams could not find ${to}'s chat with the bot${why}`;
        case 'unconfirmed':
            return `the bot stopped while sending to ${to}, so delivery is not confirmed`;
        case 'sending':
            return `the reminder to ${to} is still being sent`;
        default:
            return `sending to ${to} failed${why}`;
    }
}

/**
 * What the reminders for a missing group came to, truthfully: "no reminder tried yet"; "2 reminders
 * delivered, last 2026-12-11"; "3 reminders tried, none delivered: the bot is not installed for Dana
 * Whitfield".
 */
export function remindersLine(reminders: readonly ReminderTried[]): string {
    if (reminders.length === 0) return 'no reminder tried yet';
    const delivered = reminders.filter((r) => DELIVERED.has(r.outcome));
    const failed = reminders.filter((r) => !DELIVERED.has(r.outcome));
    const reasons = [...new Set(failed.map((r) => notReachedReason(r.outcome, r.to, r.reason)))];
    const n = reminders.length;
    const tried = `${counted(n, 'reminder')} tried`;
    if (delivered.length === 0) return `${tried}, none delivered: ${reasons.join('; ')}`;
    const last = delivered.at(-1)!;
    const ok = `${delivered.length === n ? `${counted(n, 'reminder')} delivered` : `${tried}, ${delivered.length} delivered`}, last on ${showDate(last.at.slice(0, 10))} to ${last.to}`;
    return failed.length ? `${ok}; not delivered: ${reasons.join('; ')}` : ok;
}

/**
 * Each reminder tried, in words, one line per day, person and outcome with how many times:
 * "30 November 2026: the bot is not installed for Dana Whitfield (3 times)".
 */
export function reminderLines(reminders: readonly ReminderTried[]): string[] {
    const lines = new Map<string, number>();
    for (const r of reminders) {
        const what = DELIVERED.has(r.outcome) ? `delivered to ${r.to}` : notReachedReason(r.outcome, r.to, r.reason);
        const line = `${showDate(r.at.slice(0, 10))}: ${what}`;
        lines.set(line, (lines.get(line) ?? 0) + 1);
    }
    return [...lines].map(([line, n]) => (n > 1 ? `${line} (${n} times)` : line));
}
