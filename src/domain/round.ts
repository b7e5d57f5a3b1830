/**
 * The relevance round (seed 000): groups are "asked to identify which documents they contribute
 * towards and whether any should be reviewed or removed", and owners "approached to test their
 * relevance". The manager starts a round; each owning group's chair answers, per document: still
 * current, needs review (who leads, by when), remove from the website, or not ours. Answers are
 * proposals: the register changes only when the manager accepts one, and every step is in the
 * document's history with who and when. Pure functions over the store's data.
 */
import { showDate } from './partialDate.js';
import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import type {
    Protocol,
    ProtocolEvent,
    RelevanceRound,
    RosterEntry,
    RoundAnswer,
    RoundReply,
    StoreData,
} from './model.js';
import { ROUND_ANSWERS } from './model.js';
import { concernsAny } from './register.js';
import { isWorkingDay } from './workingDays.js';

export const ANSWER_LABELS: Record<RoundAnswer, string> = {
    current: 'Still current as it is',
    needs_review: 'Needs review',
    remove: 'Remove from the website',
    not_ours: 'Not ours',
};

/** Who a round would ask: groups with a chair (or vice-chair), groups with nobody to ask, documents with no group. */
export interface RoundPlan {
    asked: { groupId: string; chair: RosterEntry; protocolIds: string[] }[];
    noChair: { groupId: string; protocolIds: string[] }[];
    /** Documents no group owns or is named to review: nobody can be asked about them. */
    noGroup: string[];
}

/**
 * What a round would ask, as a stable text (group, chair, documents), carried by the preview card and
 * compared on Start: a round starts only as it was previewed, never from a stale or made-up card.
 */
export function planKey(plan: RoundPlan): string {
    return JSON.stringify(plan.asked.map((a) => [a.groupId, a.chair.email.toLowerCase(), [...a.protocolIds].sort()]));
}

/** The documents a group owns or is named to review, withdrawn ones aside. */
export function documentsOf(protocols: readonly Protocol[], groupId: string): Protocol[] {
    return protocols.filter((p) => p.status !== 'withdrawn' && concernsAny(p, [groupId]));
}

/** The roster line to ask for a group: its chair, else its vice-chair. */
export function chairFor(data: Pick<StoreData, 'roster'>, groupId: string): RosterEntry | undefined {
    return (
        data.roster.find((e) => e.groupId === groupId && e.role === 'chair') ??
        data.roster.find((e) => e.groupId === groupId && e.role === 'vice_chair')
    );
}

/** Who a round started now would ask, and who it cannot. */
export function planRound(data: Pick<StoreData, 'groups' | 'roster' | 'protocols'>): RoundPlan {
    const plan: RoundPlan = { asked: [], noChair: [], noGroup: [] };
    for (const g of data.groups) {
        const protocolIds = documentsOf(data.protocols, g.id).map((p) => p.id);
        if (protocolIds.length === 0) continue;
        const chair = chairFor(data, g.id);
        if (chair) plan.asked.push({ groupId: g.id, chair, protocolIds });
        else plan.noChair.push({ groupId: g.id, protocolIds });
    }
    plan.noGroup = data.protocols
        .filter((p) => p.status !== 'withdrawn' && p.ownerGroups.length === 0 && p.reviewers.length === 0)
        .map((p) => p.id);
    return plan;
}

/** The round still open (not closed), if any: there is at most one. */
export function openRound(data: Pick<StoreData, 'rounds'>): RelevanceRound | undefined {
    return data.rounds.find((r) => !r.closedAt);
}

/** Where a round stands: who answered (and when), who has not, and the proposals awaiting a decision. */
export interface RoundStatus {
    round: RelevanceRound;
    answered: { groupId: string; by: string; at: string; answers: number }[];
    waiting: { groupId: string; protocolIds: string[] }[];
    /** Answers the manager has not decided yet, in the order they came. */
    proposals: RoundReply[];
    decided: RoundReply[];
}

export function roundStatus(round: RelevanceRound): RoundStatus {
    const answered: RoundStatus['answered'] = [];
    const waiting: RoundStatus['waiting'] = [];
    for (const a of round.asked) {
        const replies = round.replies.filter((r) => r.groupId === a.groupId);
        if (replies.length === 0) waiting.push(a);
        else {
            const last = replies.reduce((x, y) => (x.repliedAt > y.repliedAt ? x : y));
            answered.push({ groupId: a.groupId, by: last.repliedBy, at: last.repliedAt, answers: replies.length });
        }
    }
    return {
        round,
        answered,
        waiting,
        proposals: round.replies.filter((r) => !r.decision),
        decided: round.replies.filter((r) => r.decision),
    };
}

const invalid = (problems: string[]) =>
    new AppError('round.invalid', `Your answers could not be saved: ${problems.join('; ')}. Nothing was saved.`, {
        problems,
    });

/**
 * Reads a chair's card: `answer_<id>`, `lead_<id>`, `by_<id>` and `comment_<id>` for each document of
 * the group in the round. Anything for a document not on the group's card is refused; at least one
 * answer is needed. Throws an AppError naming every problem.
 */
export function parseRoundReply(
    raw: Record<string, unknown>,
    round: RelevanceRound,
    groupId: string,
    repliedBy: string,
    at: string,
): RoundReply[] {
    const asked = round.asked.find((a) => a.groupId === groupId);
    if (!asked) throw invalid(['this group was not asked in the round']);
    const problems: string[] = [];
    const replies: RoundReply[] = [];
    const text = (v: unknown, max: number, what: string) => {
        if (v === undefined || v === null || v === '') return undefined;
        if (typeof v !== 'string') return void problems.push(`${what} must be text`);
        const t = v.trim();
        if (t.length > max) return void problems.push(`${what} is too long (at most ${max} characters)`);
        return t || undefined;
    };
    for (const key of Object.keys(raw)) {
        const m = /^(answer|lead|by|comment)_(.+)$/.exec(key);
        if (m && !asked.protocolIds.includes(m[2])) problems.push(`"${m[2]}" is not one of the group's documents`);
    }
    for (const protocolId of asked.protocolIds) {
        const answer = raw[`answer_${protocolId}`];
        if (answer === undefined || answer === '') continue;
        if (typeof answer !== 'string' || !(ROUND_ANSWERS as readonly string[]).includes(answer)) {
            problems.push(`the answer for "${protocolId}" is not one of the choices`);
            continue;
        }
        const reply: RoundReply = { groupId, protocolId, answer: answer as RoundAnswer, repliedBy, repliedAt: at };
        const comment = text(raw[`comment_${protocolId}`], 2000, 'a comment');
        if (comment) reply.comment = comment;
        if (answer === 'needs_review') {
            const lead = text(raw[`lead_${protocolId}`], 200, 'who leads the review');
            const by = text(raw[`by_${protocolId}`], 10, 'the date');
            if (lead) reply.lead = lead;
            if (by) {
                if (!/^\d{4}-\d{2}-\d{2}$/.test(by) || !DateTime.fromISO(by).isValid)
                    problems.push(`"${by}" is not a date`);
                else reply.by = by;
            }
        }
        replies.push(reply);
    }
    if (replies.length === 0 && problems.length === 0) problems.push('choose an answer for at least one document');
    if (problems.length) throw invalid([...new Set(problems)]);
    return replies;
}

/** "Needs review, led by KHOG by 31 March 2027: the terms changed" and the like. */
export function describeReply(r: Pick<RoundReply, 'answer' | 'lead' | 'by' | 'comment'>): string {
    let text = ANSWER_LABELS[r.answer];
    if (r.answer === 'needs_review') {
        if (r.lead) text += `, led by ${r.lead}`;
        if (r.by) text += ` by ${showDate(r.by)}`;
    }
    return r.comment ? `${text}: ${r.comment}` : text;
}

/**
 * Records a chair's answers in the round (a later answer about the same document replaces an
 * undecided earlier one) and in each document's history. Changes nothing else in the register.
 */
export function recordReplies(data: StoreData, roundId: string, replies: readonly RoundReply[]): void {
    const round = data.rounds.find((r) => r.id === roundId);
    if (!round || round.closedAt) throw new AppError('round.closed', 'That review round is closed. Nothing was saved.');
    for (const reply of replies) {
        round.replies = round.replies.filter(
            (r) => r.decision !== undefined || r.groupId !== reply.groupId || r.protocolId !== reply.protocolId,
        );
        round.replies.push(reply);
        const protocol = data.protocols.find((p) => p.id === reply.protocolId);
        const group = data.groups.find((g) => g.id === reply.groupId)?.name ?? reply.groupId;
        protocol?.history.push({
            at: reply.repliedAt,
            by: reply.repliedBy,
            kind: 'round_reply',
            note: `For ${group}: ${describeReply(reply)}`,
        });
    }
}

/**
 * The manager's decision on one proposal. Declined: recorded, the register unchanged. Accepted: the
 * register changes as the answer says, and the change is in the document's history with its before
 * and after:
 * - still current: the record is confirmed by the chair on the day of the answer (its "as at");
 * - needs review: the owner's word that it needs review is recorded as evidence, and with a lead the
 *   review is under way;
 * - remove: off the website and withdrawn;
 * - not ours: the group is taken off the document's owners and reviewers.
 */
export function decideProposal(
    data: StoreData,
    roundId: string,
    key: { groupId: string; protocolId: string },
    outcome: 'accepted' | 'declined',
    by: string,
    at: string,
    today: string,
): { reply: RoundReply; protocol: Protocol } {
    const round = data.rounds.find((r) => r.id === roundId);
    const reply = round?.replies.find(
        (r) => r.groupId === key.groupId && r.protocolId === key.protocolId && !r.decision,
    );
    if (!round || !reply)
        throw new AppError(
            'round.noProposal',
            'That proposal has already been decided or is no longer in the round. Nothing was changed.',
        );
    const protocol = data.protocols.find((p) => p.id === reply.protocolId);
    if (!protocol)
        throw new AppError('round.noProposal', 'That document is no longer in the register. Nothing was changed.');
    reply.decision = { outcome, by, at };
    const before = structuredClone(protocol);
    const group = data.groups.find((g) => g.id === reply.groupId)?.name ?? reply.groupId;
    const replyDay = reply.repliedAt.slice(0, 10);
    if (outcome === 'accepted') {
        switch (reply.answer) {
            case 'current':
                protocol.asAt = { at: replyDay, source: 'chair', by: reply.repliedBy };
                break;
            case 'needs_review':
                protocol.evidence.push({
                    kind: 'owner_says_due',
                    who: group,
                    text: reply.comment ?? 'Needs review.',
                    recorded: { at: replyDay, source: 'chair', by: reply.repliedBy },
                });
                if (reply.lead) {
                    protocol.status = 'under_review';
                    protocol.reviewLead = reply.by ? `${reply.lead}, by ${showDate(reply.by)}` : reply.lead;
                }
                protocol.asAt = { at: today, source: 'manager', by };
                break;
            case 'remove':
                protocol.onWebsite = false;
                protocol.status = 'withdrawn';
                delete protocol.reviewLead;
                protocol.asAt = { at: today, source: 'manager', by };
                break;
            case 'not_ours':
                protocol.ownerGroups = protocol.ownerGroups.filter((g) => g !== reply.groupId);
                protocol.reviewers = protocol.reviewers.filter((g) => g !== reply.groupId);
                protocol.asAt = { at: today, source: 'manager', by };
                break;
        }
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ['status', 'onWebsite', 'reviewLead', 'ownerGroups', 'reviewers'] as const) {
        if (JSON.stringify(before[field] ?? null) !== JSON.stringify(protocol[field] ?? null))
            changes[field] = { from: before[field] ?? null, to: protocol[field] ?? null };
    }
    const event: ProtocolEvent = {
        at,
        by,
        kind: 'round_decision',
        note: `${outcome === 'accepted' ? 'Accepted' : 'Declined'} ${group}'s answer: ${describeReply(reply)}`,
    };
    if (Object.keys(changes).length) event.changes = changes;
    protocol.history.push(event);
    return { reply, protocol };
}

/** The day a round's unanswered cards are chased: `workingDays` working days after it started. */
export function chaseDay(startedAt: string, zone: string, workingDays: number): string {
    let d = DateTime.fromISO(startedAt).setZone(zone).startOf('day');
    let n = 0;
    while (n < workingDays) {
        d = d.plus({ days: 1 });
        if (isWorkingDay(d)) n++;
    }
    return d.toISODate()!;
}
