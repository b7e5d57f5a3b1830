/**
 * The partnership manager's digest for the Board: one period's progress by theme and objective, who
 * has not reported, the cross sub-group matters raised, and the register's state. The model is plain
 * data; the card, the spreadsheet and the Markdown summary are all rendered from it.
 */
import type { Milestone } from './model.js';
import type { Rag } from './progress.js';
import type { ObjectiveMatrix } from './strategy.js';

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

export interface MissingGroup {
    groupId: string;
    groupName: string;
    period: string;
    due: string;
    chairs: string[];
    /** Reminders sent for the period, with when and the outcome. */
    reminders: { step: string; at: string; outcome: string; to: string }[];
}

export interface CrossGroupMatter {
    groupName: string;
    text: string;
    concerns: string[];
    submittedBy: string;
}

export interface RegisterSummary {
    /** The register in one sentence, by what the evidence says. */
    headline: string;
    /** Documents whose review date on record has passed. */
    overdue: number;
    /** Documents due on other evidence (flagged, the owner's word, a judgement, a date coming up). */
    dueSoon: number;
    underReview: number;
    noDate: number;
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
    /** The Board period, YYYY-MM: updates due in the six months ending with this month. */
    period: string;
    label: string;
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
