/** The cards of the objectives round: the chair's question, the manager's preview and answers. */
import { showDate } from '../domain/partialDate.js';
import { latestReply, objectivesPlanKey } from '../domain/chairRounds.js';
import type { ChairRound, StoreData } from '../domain/model.js';
import { describeProposal } from '../domain/objectiveRound.js';
import { objectivesOf } from '../domain/progress.js';
import { strategyOrder } from '../domain/strategy.js';
import { renderCard } from './render.js';
import { counted } from '../domain/words.js';

const day = (iso: string, zone: string) => showDate(iso, { zone });
const groupName = (data: Pick<StoreData, 'groups'>, id: string) => data.groups.find((g) => g.id === id)?.name ?? id;

/** The card a chair gets: the group's objectives and contributions, agree or propose changes. */
export function createObjectivesConfirmCard(
    data: StoreData,
    round: ChairRound,
    groupId: string,
    options: { chase?: boolean; zone: string },
) {
    const mine = objectivesOf(data, groupId);
    return renderCard('objectives-confirm', {
        roundId: round.id,
        groupId,
        groupName: groupName(data, groupId),
        introLine:
            'The partnership manager asks each chair to confirm the strategy objectives their group contributes to, ' +
            'so that updates report on the right ones. Agree, or propose changes; the manager decides each change.',
        chaseLine: options.chase
            ? `A reminder: this was sent on ${day(round.startedAt, options.zone)} and has no answer yet.`
            : '',
        objectives: mine.map((o) => ({
            ref: o.ref,
            text: o.text,
            contribution: o.contribution,
            contributionLabel: o.contribution || '(not described)',
        })),
        others: strategyOrder(data)
            .filter((o) => !mine.some((m) => m.ref === o.ref))
            .map((o) => ({
                ref: o.ref,
                title: `${o.ref}: ${o.text.length > 80 ? `${o.text.slice(0, 77)}…` : o.text}`,
            })),
    });
}

/** The manager's view: each group's answer, and Apply / Decline on each proposal not yet decided. */
export function createObjectivesRoundCard(data: StoreData, round: ChairRound, zone: string) {
    const answered = round.asks.filter((a) => latestReply(round, a.groupId)).length;
    return renderCard('objectives-round', {
        roundId: round.id,
        summary:
            `Started by ${round.startedBy} on ${day(round.startedAt, zone)}: ${answered} of ${round.asks.length} chairs have answered.` +
            (round.closedAt ? ` Closed on ${day(round.closedAt, zone)}.` : ''),
        groups: round.asks.map((a) => {
            const reply = latestReply(round, a.groupId);
            return {
                groupName: groupName(data, a.groupId),
                state: reply
                    ? `${reply.agree ? 'Agreed these are the right objectives' : 'Proposed changes'}: ${reply.byName}, ${day(reply.at, zone)}`
                    : `No answer yet from ${a.name}.`,
                comment: reply?.comment ?? '',
                proposals: (reply?.proposals ?? []).map((p) => ({
                    id: p.id,
                    groupId: a.groupId,
                    line: describeProposal(p),
                    decided: p.decision
                        ? `${p.decision.applied ? 'Applied' : 'Declined'} by ${p.decision.by} on ${day(p.decision.at, zone)}`
                        : '',
                })),
            };
        }),
    });
}

/** The preview before a round starts: who will be asked. */
export function createRoundStartCard(data: StoreData, asks: ChairRound['asks'], skipped: string[], started = false) {
    return renderCard('objectives-round-start', {
        summary: started
            ? `Sent to ${counted(asks.length, 'chair')}.`
            : `This sends one card to each of ${counted(asks.length, 'chair')}, listing their group's objectives and contributions. Unanswered cards are chased once.`,
        asks: asks.map((a) => {
            const n = objectivesOf(data, a.groupId).length;
            return { line: `${groupName(data, a.groupId)}: ${a.name} (${counted(n, 'objective')})` };
        }),
        skippedLine: skipped.length ? `Not asked (no chair or vice-chair on the roster): ${skipped.join(', ')}.` : '',
        started,
        plan: started ? '' : objectivesPlanKey(data),
    });
}
