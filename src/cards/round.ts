/** The relevance round's cards: the chair's card for one group, and the manager's preview and status. */
import { showDate } from '../domain/partialDate.js';
import type { DeliveryRecord } from '../notify/ledger.js';
import type { RelevanceRound, StoreData } from '../domain/model.js';
import { assessProtocol, asAtSuffix, describePosition, positionAsAt, windowEndFor } from '../domain/register.js';
import { ANSWER_LABELS, describeReply, type RoundPlan, type RoundStatus, planKey } from '../domain/round.js';
import type { RegisterOptions } from '../domain/register.js';
import { renderCard } from './render.js';
import { counted } from '../domain/words.js';

const groupName = (data: Pick<StoreData, 'groups'>, id: string) => data.groups.find((g) => g.id === id)?.name ?? id;
const personName = (data: Pick<StoreData, 'roster'>, email: string) =>
    data.roster.find((e) => e.email.toLowerCase() === email.toLowerCase())?.name ?? email;
const day = (iso: string, zone: string) => showDate(iso, { zone });

/** The card a group's chair gets: each of the group's documents with where it stands and the four answers. */
export function createRoundAskCard(
    data: StoreData,
    round: RelevanceRound,
    groupId: string,
    options: RegisterOptions,
    today: string,
    chase = false,
) {
    const asked = round.asked.find((a) => a.groupId === groupId)!;
    const windowEnd = windowEndFor(today, options);
    const documents = asked.protocolIds
        .map((id) => data.protocols.find((p) => p.id === id))
        .filter((p) => p !== undefined)
        .map((p) => {
            const s = assessProtocol(p, today, windowEnd, options.policyCycleMonths);
            const asAt = positionAsAt(s);
            const role = p.ownerGroups.includes(groupId) ? 'Your group owns it' : 'Your group is named to review it';
            const where = describePosition(s, today);
            return {
                id: p.id,
                title: p.title,
                standing: `${role}. ${where}${asAt ? ` (${asAtSuffix(asAt, today, options.confirmedMonths)})` : ''}.`,
            };
        });
    const name = groupName(data, groupId);
    return renderCard('round-ask', {
        heading: chase
            ? `A reminder: which of ${name}'s documents are still needed?`
            : `Which of ${name}'s documents are still needed?`,
        intro: `The partnership is testing the relevance of the documents on the KHG website. For each document your group owns or is named to review, say whether it is ${Object.values(
            ANSWER_LABELS,
        )
            .map((l) => l.toLowerCase())
            .join(
                ', ',
            )}. Answer what you can; the partnership manager decides on each answer before the register changes.`,
        roundId: round.id,
        groupId,
        documents,
    });
}

/** The manager's preview before a round starts: who will be asked, and who cannot be. */
export function createRoundPreviewCard(data: StoreData, plan: RoundPlan) {
    const title = (id: string) => data.protocols.find((p) => p.id === id)?.title ?? id;
    const notes = [
        plan.noChair.length
            ? `Not asked, no chair on the roster: ${plan.noChair.map((g) => `${groupName(data, g.groupId)} (${g.protocolIds.length})`).join(', ')}.`
            : '',
        plan.noGroup.length ? `Not asked, no group on record for: ${plan.noGroup.map(title).join('; ')}.` : '',
        'Nothing in the register changes until you accept an answer. You can close the round at any time.',
    ]
        .filter(Boolean)
        .join(' ');
    return renderCard('round-status', {
        message: '',
        heading: 'Start a relevance round?',
        summary:
            plan.asked.length === 0
                ? 'No group with documents has a chair on the roster, so nobody can be asked yet.'
                : `One card to each of ${counted(plan.asked.length, 'chair')}, listing their group's documents:`,
        answered: [],
        waiting: plan.asked.map((a) => ({
            group: groupName(data, a.groupId),
            detail: `${a.chair.name}: ${counted(a.protocolIds.length, 'document')}`,
        })),
        proposals: [],
        notes,
        roundId: '',
        canStart: plan.asked.length > 0,
        plan: planKey(plan),
        canClose: false,
    });
}

const OUTCOME_WORDS: Record<string, string> = {
    sent: 'card delivered',
    'throttled then sent': 'card delivered',
    blocked: 'card not delivered: the bot is blocked',
    notFound: 'card not delivered: no chat found',
    notInstalled: 'card not delivered: the bot is not installed for them',
    failed: 'card not delivered',
    unconfirmed: 'card delivery unconfirmed',
};

/** "How is the review round going?": who answered, who has not (and what became of their card), the proposals. */
export function createRoundStatusCard(
    data: StoreData,
    status: RoundStatus,
    deliveries: readonly DeliveryRecord[],
    ctx: { zone: string; canDecide: boolean; message?: string },
) {
    const { round } = status;
    const title = (id: string) => data.protocols.find((p) => p.id === id)?.title ?? id;
    const deliveryOf = (groupId: string) => {
        const mine = deliveries.filter((d) => d.groupId === groupId && d.period === `round-${round.id}`);
        const card = mine.filter((d) => d.step === 'round-card').at(-1);
        const chase = mine.filter((d) => d.step === 'round-chase').at(-1);
        const parts = [card ? (OUTCOME_WORDS[card.outcome ?? ''] ?? 'card being sent') : 'no card sent'];
        if (chase)
            parts.push(
                `chased ${day(chase.claimedAt, ctx.zone)}${chase.outcome && !chase.outcome.includes('sent') ? ` (${OUTCOME_WORDS[chase.outcome] ?? chase.outcome})` : ''}`,
            );
        const to = card ? personName(data, card.recipient) : undefined;
        return `${to ? `${to}: ` : ''}${parts.join('; ')}`;
    };
    const closed = Boolean(round.closedAt);
    return renderCard('round-status', {
        message: ctx.message ?? '',
        heading: `Relevance round started ${day(round.startedAt, ctx.zone)}${closed ? ` (closed ${day(round.closedAt!, ctx.zone)})` : ''}`,
        summary: `${status.answered.length} of ${counted(round.asked.length, 'group')} answered; ${counted(status.proposals.length, 'proposal')} waiting for a decision; ${status.decided.length} decided.`,
        answered: status.answered.map((a) => ({
            group: groupName(data, a.groupId),
            detail: `${personName(data, a.by)}, ${day(a.at, ctx.zone)}: ${counted(a.answers, 'answer')}`,
        })),
        waiting: status.waiting.map((w) => ({ group: groupName(data, w.groupId), detail: deliveryOf(w.groupId) })),
        proposals: status.proposals.map((r) => ({
            title: title(r.protocolId),
            detail: `${groupName(data, r.groupId)} (${personName(data, r.repliedBy)}, ${day(r.repliedAt, ctx.zone)}): ${describeReply(r)}`,
            roundId: round.id,
            groupId: r.groupId,
            protocolId: r.protocolId,
            canDecide: ctx.canDecide && !closed,
        })),
        notes: status.decided.length
            ? `Decided: ${status.decided.map((r) => `${title(r.protocolId)} (${groupName(data, r.groupId)}): ${r.decision!.outcome}`).join('; ')}.`
            : '',
        roundId: round.id,
        canStart: false,
        plan: '',
        canClose: ctx.canDecide && !closed,
    });
}
