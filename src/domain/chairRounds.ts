/**
 * A chairs' round: the partnership manager asks every reporting group's chair one question on one
 * card ("are these the right objectives for your group?"), records each reply with who and when,
 * chases those who have not answered once after a number of working days, and decides each proposal
 * a reply makes (applied or declined, with who and when). The shape is the same whatever is asked;
 * `kind` says what (see `objectiveRound.ts` for the objectives' questions and proposals).
 *
 * Pure functions over the store's data; the caller sends the cards and stores the result. Who is
 * asked and when the unanswered are chased are the relevance round's own rules (`round.ts`), shared.
 */
import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import type { ChairRound, ChairRoundProposal, ChairRoundReply, StoreData } from './model.js';
import { objectivesOf } from './progress.js';
import { chairFor, chaseDay } from './round.js';

/** Who a round asks: each reporting group's chair, or its vice-chair when it has no chair (as the relevance round). */
export function chairsToAsk(data: Pick<StoreData, 'groups' | 'roster'>): ChairRound['asks'] {
    return data.groups
        .filter((g) => g.reports)
        .flatMap((g) => {
            const person = chairFor(data, g.id);
            return person ? [{ groupId: g.id, recipient: person.email.toLowerCase(), name: person.name }] : [];
        });
}

/**
 * What an objectives round started now would ask, as a stable text (group, chair, the group's objective
 * references), carried by the preview card and compared on Start: a round starts only as it was
 * previewed, never from a stale or made-up card.
 */
export function objectivesPlanKey(data: Pick<StoreData, 'groups' | 'roster' | 'objectives'>): string {
    return JSON.stringify(
        chairsToAsk(data).map((a) => [
            a.groupId,
            a.recipient,
            objectivesOf(data, a.groupId)
                .map((o) => o.ref)
                .sort(),
        ]),
    );
}

/** Reporting groups with no chair or vice-chair on the roster: the round cannot ask them. */
export function groupsWithoutChair(data: Pick<StoreData, 'groups' | 'roster'>): string[] {
    const asked = new Set(chairsToAsk(data).map((a) => a.groupId));
    return data.groups.filter((g) => g.reports && !asked.has(g.id)).map((g) => g.name);
}

/** The round of this kind still open (not closed), if any: only one is open at a time. */
export function openRound(data: Pick<StoreData, 'chairRounds'>, kind: ChairRound['kind']): ChairRound | undefined {
    return [...data.chairRounds].reverse().find((r) => r.kind === kind && !r.closedAt);
}

/** A new round asking every chair, with an id from its day and a counter (`objectives-2026-11-30-1`). */
export function newRound(
    data: Pick<StoreData, 'groups' | 'roster' | 'chairRounds'>,
    kind: ChairRound['kind'],
    by: string,
    now: Date,
): ChairRound {
    if (openRound(data, kind))
        throw new AppError(
            'round.open',
            'A round asking the chairs to confirm their objectives is already open. Close it before starting another.',
        );
    const day = now.toISOString().slice(0, 10);
    const n = data.chairRounds.filter((r) => r.id.startsWith(`${kind}-${day}`)).length + 1;
    return {
        id: `${kind}-${day}-${n}`,
        kind,
        startedAt: now.toISOString(),
        startedBy: by,
        asks: chairsToAsk(data),
        replies: [],
    };
}

/** The group's reply that counts: its latest. */
export function latestReply(round: ChairRound, groupId: string): ChairRoundReply | undefined {
    return [...round.replies].reverse().find((r) => r.groupId === groupId);
}

/** The asks no reply has answered yet. */
export function unanswered(round: ChairRound): ChairRound['asks'] {
    return round.asks.filter((a) => !round.replies.some((r) => r.groupId === a.groupId));
}

/**
 * The day unanswered chairs are chased: `workingDays` working days after the round started, in the
 * partnership's time zone. Chased once: the delivery ledger keeps a second run from sending again.
 */
export function roundChaseDay(round: ChairRound, workingDays: number, zone: string): string {
    return chaseDay(round.startedAt, zone, workingDays);
}

/** The asks to chase now: unanswered, the round open, its chase day reached. */
export function asksToChase(round: ChairRound, now: Date, workingDays: number, zone: string): ChairRound['asks'] {
    if (round.closedAt) return [];
    const today = DateTime.fromJSDate(now).setZone(zone).toISODate()!;
    return today >= roundChaseDay(round, workingDays, zone) ? unanswered(round) : [];
}

/** Records a reply from the chair (or vice-chair) of an asked group. Earlier replies are kept. */
export function recordReply(
    round: ChairRound,
    reply: Omit<ChairRoundReply, 'proposals'> & { proposals: Omit<ChairRoundProposal, 'id'>[] },
): ChairRoundReply {
    if (round.closedAt)
        throw new AppError('round.closed', 'That round has been closed by the partnership manager. Nothing was saved.');
    if (!round.asks.some((a) => a.groupId === reply.groupId))
        throw new AppError('round.notAsked', 'That group was not asked in this round. Nothing was saved.');
    const n = round.replies.length + 1;
    const stored: ChairRoundReply = {
        ...reply,
        proposals: reply.proposals.map((p, i) => ({ ...p, id: `p${n}-${i + 1}` })),
    };
    round.replies.push(stored);
    return stored;
}

/** The proposals waiting for the manager: those of each group's latest reply not yet decided. */
export function pendingProposals(round: ChairRound): { groupId: string; proposal: ChairRoundProposal }[] {
    return round.asks.flatMap((a) => {
        const reply = latestReply(round, a.groupId);
        return (reply?.proposals ?? [])
            .filter((p) => !p.decision)
            .map((proposal) => ({ groupId: a.groupId, proposal }));
    });
}

/**
 * Finds a proposal of a group's latest reply for a decision. Throws when it is not there, belongs to
 * an earlier reply, or was decided already.
 */
export function proposalToDecide(round: ChairRound, groupId: string, proposalId: string): ChairRoundProposal {
    const reply = latestReply(round, groupId);
    const proposal = reply?.proposals.find((p) => p.id === proposalId);
    if (!proposal)
        throw new AppError(
            'round.noProposal',
            'That proposal is not in the latest reply of that group (it may have answered again). Nothing was changed.',
        );
    if (proposal.decision)
        throw new AppError(
            'round.decided',
            `That proposal was already ${proposal.decision.applied ? 'applied' : 'declined'} by ${proposal.decision.by}. Nothing was changed.`,
        );
    return proposal;
}
