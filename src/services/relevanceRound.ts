/**
 * The relevance round's use cases: start a round and send each owning group's chair one card, record
 * a chair's answers, the manager's decision on each, chase the cards not answered (once, after the
 * configured working days, through the reminders' delivery and ledger), and close the round.
 */
import { AppError } from '../errors.js';
import type { Person } from '../domain/people.js';
import type { RelevanceRound } from '../domain/model.js';
import { todayIn } from '../domain/partialDate.js';
import type { RegisterOptions } from '../domain/register.js';
import {
    chairFor,
    chaseDay,
    decideProposal,
    openRound,
    parseRoundReply,
    planRound,
    recordReplies,
} from '../domain/round.js';
import { createRoundAskCard } from '../cards/round.js';
import { deliverCards, type ReminderDeps, type RunReport } from './reminders.js';

const MANAGER_ONLY =
    'Only the partnership manager can run a relevance round or decide on its answers. Nothing was changed.';

function requireManager(person: Person | undefined): asserts person is Person {
    if (!person?.isManager) throw new AppError('round.forbidden', MANAGER_ONLY);
}

/** The ledger's period for a round's cards. */
export const roundPeriod = (round: Pick<RelevanceRound, 'id'>) => `round-${round.id}`;

/**
 * Starts a round (refused while one is open, or when nobody can be asked) and sends each chair
 * their group's card. Returns the round and what became of each card.
 */
export async function startRound(
    deps: ReminderDeps,
    options: RegisterOptions,
    person: Person | undefined,
    now: Date,
): Promise<{ round: RelevanceRound; report: RunReport }> {
    requireManager(person);
    const today = todayIn(now, options.zone);
    const round = await deps.store.transact((d) => {
        if (openRound(d))
            throw new AppError(
                'round.open',
                'A relevance round is already under way: ask "how is the review round going?", or close it first. Nothing was changed.',
            );
        const plan = planRound(d);
        if (plan.asked.length === 0)
            throw new AppError(
                'round.nobody',
                'No group with documents has a chair on the roster, so nobody can be asked. Nothing was changed.',
            );
        const taken = new Set(d.rounds.map((r) => r.id));
        let id = `round-${today}`;
        for (let n = 2; taken.has(id); n++) id = `round-${today}-${n}`;
        const r: RelevanceRound = {
            id,
            startedAt: now.toISOString(),
            startedBy: person.email,
            asked: plan.asked.map((a) => ({ groupId: a.groupId, protocolIds: a.protocolIds })),
            replies: [],
        };
        d.rounds.push(r);
        return structuredClone(r);
    });
    const report = await sendRoundCards(deps, options, round, 'round-card', now);
    return { round, report };
}

async function sendRoundCards(
    deps: ReminderDeps,
    options: RegisterOptions,
    round: RelevanceRound,
    step: 'round-card' | 'round-chase',
    now: Date,
    only?: readonly string[],
): Promise<RunReport> {
    const data = deps.store.read();
    const today = todayIn(now, options.zone);
    const items = round.asked
        .filter((a) => !only || only.includes(a.groupId))
        .map((a) => ({ a, chair: chairFor(data, a.groupId) }))
        .filter((x) => x.chair)
        .map(({ a, chair }) => ({
            recipient: { name: chair!.name, email: chair!.email, aadObjectId: chair!.aadObjectId },
            groupId: a.groupId,
            period: roundPeriod(round),
            step,
            card: () => createRoundAskCard(deps.store.read(), round, a.groupId, options, today, step === 'round-chase'),
        }));
    return deliverCards(deps, items, now);
}

/**
 * Chases, once, each group of the open round that has not answered, from the configured number of
 * working days after the start. The ledger keeps a chase from going twice, whatever runs it.
 */
export async function chaseRound(
    deps: ReminderDeps,
    options: RegisterOptions,
    workingDays: number,
    now: Date,
): Promise<RunReport | undefined> {
    const round = openRound(deps.store.read());
    if (!round) return undefined;
    if (todayIn(now, options.zone) < chaseDay(round.startedAt, options.zone, workingDays)) return undefined;
    const waiting = round.asked
        .filter((a) => !round.replies.some((r) => r.groupId === a.groupId))
        .map((a) => a.groupId);
    if (waiting.length === 0) return undefined;
    return sendRoundCards(deps, options, round, 'round-chase', now, waiting);
}

/**
 * Records a chair's answers from their card: only the group's chair or vice-chair (or the manager)
 * may answer for it. Each answer goes into the document's history; the register itself is unchanged.
 */
export async function answerRound(
    store: ReminderDeps['store'],
    raw: Record<string, unknown>,
    person: Person | undefined,
    now: Date,
): Promise<{ round: RelevanceRound; groupId: string; count: number }> {
    const roundId = typeof raw.roundId === 'string' ? raw.roundId : '';
    const groupId = typeof raw.groupId === 'string' ? raw.groupId : '';
    const may =
        person?.isManager ||
        person?.entries.some((e) => e.groupId === groupId && (e.role === 'chair' || e.role === 'vice_chair'));
    if (!may)
        throw new AppError(
            'round.forbidden',
            "Only the group's chair or vice-chair can answer for it. Nothing was saved.",
        );
    return store.transact((d) => {
        const round = d.rounds.find((r) => r.id === roundId);
        if (!round || round.closedAt)
            throw new AppError('round.closed', 'That review round is closed or no longer exists. Nothing was saved.');
        const replies = parseRoundReply(raw, round, groupId, person!.email, now.toISOString());
        recordReplies(d, round.id, replies);
        return { round: structuredClone(round), groupId, count: replies.length };
    });
}

/** The manager accepts or declines one answer; the register changes only on "accepted", with its history. */
export async function decideRound(
    store: ReminderDeps['store'],
    raw: Record<string, unknown>,
    person: Person | undefined,
    now: Date,
    zone: string,
) {
    requireManager(person);
    const str = (k: string) => (typeof raw[k] === 'string' ? raw[k] : '');
    const outcome = str('outcome');
    if (outcome !== 'accepted' && outcome !== 'declined')
        throw new AppError('round.invalid', 'The card does not say whether to accept or decline. Nothing was changed.');
    return store.transact((d) => {
        const { reply, protocol } = decideProposal(
            d,
            str('roundId'),
            { groupId: str('groupId'), protocolId: str('protocolId') },
            outcome,
            person.email,
            now.toISOString(),
            todayIn(now, zone),
        );
        return { reply: structuredClone(reply), title: protocol.title };
    });
}

/** Closes the round: no more answers or chases; the answers and decisions stay on record. */
export async function closeRound(
    store: ReminderDeps['store'],
    raw: Record<string, unknown>,
    person: Person | undefined,
    now: Date,
): Promise<RelevanceRound> {
    requireManager(person);
    return store.transact((d) => {
        const round = d.rounds.find((r) => r.id === raw.roundId && !r.closedAt);
        if (!round) throw new AppError('round.closed', 'That review round is already closed. Nothing was changed.');
        round.closedAt = now.toISOString();
        round.closedBy = person.email;
        return structuredClone(round);
    });
}
