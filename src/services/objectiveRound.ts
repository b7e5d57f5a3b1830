/**
 * The objectives round as use cases: start it (one card to each reporting group's chair), record a
 * chair's reply, chase the unanswered once after the configured working days, and apply or decline a
 * proposal (the only step that changes the objectives, recorded in the audit trail). Cards go out
 * through the proactive sender; each is claimed in the delivery ledger first, so no card is sent twice.
 */
import { randomUUID } from 'node:crypto';
import { createObjectivesConfirmCard } from '../cards/objectiveRound.js';
import { cardMessage } from '../cards/render.js';
import { asksToChase, newRound, openRound, proposalToDecide, recordReply } from '../domain/chairRounds.js';
import type { ChairRound, ChairRoundReply } from '../domain/model.js';
import { applyObjectiveProposal, describeProposal, parseObjectiveReply } from '../domain/objectiveRound.js';
import type { Person } from '../domain/people.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Outcome } from '../notify/faults.js';
import { DeliveryLedger, type Identity } from '../notify/ledger.js';
import { reachPerson, type TeamMembersCache } from '../notify/recipients.js';
import type { ProactiveSender } from '../notify/sender.js';
import type { Transport } from '../notify/transport.js';
import type { Store } from '../store/store.js';
import { AuditTrail } from './audit.js';
import { counted } from '../domain/words.js';

export interface RoundDeps {
    store: Store;
    transport: Transport;
    sender: ProactiveSender;
    log: Logger;
    zone: string;
    /** Working days before an unanswered chair is chased. */
    chaseWorkingDays: number;
}

export interface RoundSend {
    groupId: string;
    name: string;
    /** `already`: the ledger shows this card was sent before, so it was not sent again. */
    outcome: Outcome | 'already';
    reason?: string;
}

/** The ledger's identity of one card of a round: one per group, round and step (`ask`, `chase`). */
function identityOf(round: ChairRound, groupId: string, step: 'ask' | 'chase', recipient: string): Identity {
    return { groupId, period: `round:${round.id}`, step, recipient, as: 'chair' };
}

async function sendCards(
    deps: RoundDeps,
    round: ChairRound,
    asks: ChairRound['asks'],
    step: 'ask' | 'chase',
    now: Date,
): Promise<RoundSend[]> {
    const ledger = new DeliveryLedger(deps.store);
    const runId = randomUUID();
    const teams: TeamMembersCache = new Map();
    return Promise.all(
        asks.map(async (a): Promise<RoundSend> => {
            const identity = identityOf(round, a.groupId, step, a.recipient);
            try {
                const person = deps.store.read().roster.find((e) => e.email.toLowerCase() === a.recipient);
                const reach = await reachPerson(
                    deps.store,
                    deps.transport,
                    { email: a.recipient, aadObjectId: person?.aadObjectId },
                    () => now,
                    teams,
                ).catch((err: unknown) => ({
                    reachable: false as const,
                    reason: `could not look them up: ${(err as Error).message}`,
                }));
                if (!reach.reachable) {
                    const settled = await ledger.settle(
                        a.recipient,
                        [identity],
                        runId,
                        { outcome: 'notInstalled', attempts: 0, reason: reach.reason },
                        now,
                    );
                    return { ...a, outcome: settled.length ? 'notInstalled' : 'already', reason: reach.reason };
                }
                let claimed: Identity[] = [];
                const result = await deps.sender.sendOne(
                    {
                        id: `${runId}:${a.groupId}`,
                        reference: reach.reference,
                        prepare: async () => {
                            claimed = await ledger.claim(a.recipient, [identity], runId, now);
                            if (claimed.length === 0) return undefined;
                            const card = createObjectivesConfirmCard(deps.store.read(), round, a.groupId, {
                                chase: step === 'chase',
                                zone: deps.zone,
                            });
                            return cardMessage(card);
                        },
                    },
                    async (report) => {
                        if (report.outcome !== 'skipped')
                            await ledger.finish(a.recipient, claimed, { ...report, outcome: report.outcome }, now);
                    },
                );
                return {
                    ...a,
                    outcome: result.outcome === 'skipped' ? 'already' : result.outcome,
                    reason: result.reason,
                };
            } catch (err) {
                deps.log.error({ err: (err as Error).message, round: round.id }, 'round card failed');
                return { ...a, outcome: 'failed', reason: (err as Error).message };
            }
        }),
    );
}

/** Starts a round (stored and audited) without sending anything. Throws AppError when one is already open. */
export async function openObjectivesRound(deps: Pick<RoundDeps, 'store'>, by: Person, now: Date): Promise<ChairRound> {
    const round = await deps.store.transact((d) => {
        const r = newRound(d, 'objectives', by.name, now);
        d.chairRounds.push(r);
        return r;
    });
    await new AuditTrail(deps.store).record(
        {
            by: { name: by.name, email: by.email },
            via: 'teams',
            action: 'objectives.roundStart',
            subject: { kind: 'round', id: round.id, name: 'Chairs confirming their objectives' },
            summary: `Asked ${counted(round.asks.length, 'chair')} to confirm their group's objectives`,
        },
        now,
    );
    return round;
}

/** Sends the round's card to every chair it asks (each at most once, by the ledger). */
export function sendRoundAsks(deps: RoundDeps, round: ChairRound, now: Date): Promise<RoundSend[]> {
    return sendCards(deps, round, round.asks, 'ask', now);
}

/** Chases, once, the chairs of the open round who have not answered by its chase day. */
export async function chaseObjectivesRound(deps: RoundDeps, now: Date): Promise<RoundSend[]> {
    const round = openRound(deps.store.read(), 'objectives');
    if (!round) return [];
    const due = asksToChase(round, now, deps.chaseWorkingDays, deps.zone);
    return due.length ? sendCards(deps, round, due, 'chase', now) : [];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Records a chair's reply from their card. Only the group's chair or vice-chair may answer. */
export async function recordObjectivesReply(
    store: Store,
    raw: Record<string, unknown>,
    person: Person | undefined,
    now: Date,
): Promise<{ round: ChairRound; reply: ChairRoundReply }> {
    const roundId = str(raw.roundId);
    const groupId = str(raw.groupId);
    if (!person?.entries.some((e) => e.groupId === groupId && (e.role === 'chair' || e.role === 'vice_chair')))
        throw new AppError(
            'round.forbidden',
            "Only the group's chair or vice-chair can answer for it. Nothing was saved.",
        );
    const data = store.read();
    if (!data.chairRounds.some((r) => r.id === roundId))
        throw new AppError('round.unknown', 'That card is from a round I do not know. Nothing was saved.');
    const parsed = parseObjectiveReply(raw, data, groupId);
    return store.transact((d) => {
        const round = d.chairRounds.find((r) => r.id === roundId)!;
        const reply = recordReply(round, {
            groupId,
            by: person.email.toLowerCase(),
            byName: person.name,
            at: now.toISOString(),
            agree: parsed.agree,
            comment: parsed.comment,
            proposals: parsed.proposals,
        });
        return { round: structuredClone(round), reply };
    });
}

/**
 * The manager applies or declines one proposal. Applying changes the group's contribution to the
 * objective; both are recorded on the proposal (who, when) and in the audit trail.
 */
export async function decideObjectiveProposal(
    store: Store,
    raw: Record<string, unknown>,
    person: Person | undefined,
    now: Date,
): Promise<ChairRound> {
    if (!person?.isManager)
        throw new AppError(
            'round.forbidden',
            'Only the partnership manager decides on proposals. Nothing was changed.',
        );
    const roundId = str(raw.roundId);
    const groupId = str(raw.groupId);
    const proposalId = str(raw.proposalId);
    const apply = raw.apply === true || raw.apply === 'true';
    if (!store.read().chairRounds.some((r) => r.id === roundId))
        throw new AppError('round.unknown', 'That card is from a round I do not know. Nothing was changed.');
    const outcome = await store.transact((d) => {
        const round = d.chairRounds.find((r) => r.id === roundId)!;
        const proposal = proposalToDecide(round, groupId, proposalId);
        const change = apply ? applyObjectiveProposal(d, groupId, proposal) : undefined;
        proposal.decision = { applied: apply, by: person.name, at: now.toISOString() };
        return { round: structuredClone(round), proposal: { ...proposal }, change };
    });
    const groupName = store.read().groups.find((g) => g.id === groupId)?.name ?? groupId;
    await new AuditTrail(store).record(
        {
            by: { name: person.name, email: person.email },
            via: 'teams',
            action: apply ? 'objectives.apply' : 'objectives.decline',
            subject: { kind: 'objective', id: outcome.proposal.ref, name: `${outcome.proposal.ref} (${groupName})` },
            summary: `${apply ? 'Applied' : 'Declined'} ${groupName}'s proposal: ${describeProposal(outcome.proposal)}`,
            changes: outcome.change
                ? [
                      {
                          field: `objectives.${outcome.proposal.ref}.contributions.${groupId}`,
                          before: outcome.change.before,
                          after: outcome.change.after,
                      },
                  ]
                : [],
        },
        now,
    );
    return outcome.round;
}
