/**
 * The relevance round and the register's questions that go with it: "start the review round", "how
 * is the review round going?" / "who hasn't answered?", "which documents might we remove?", "which are
 * not on the website?" and "which group has the most on?"; and the round's card actions (confirm the
 * start, a chair's answers, the manager's decisions, closing the round).
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { isAppError } from '../../errors.js';
import type { StoreData } from '../../domain/model.js';
import {
    asAtSuffix,
    describeLoad,
    describePosition,
    dueReport,
    groupLoads,
    positionAsAt,
} from '../../domain/register.js';
import { describeReply, openRound, planKey, planRound, roundStatus } from '../../domain/round.js';
import { cardAttachment, type AdaptiveCardJson } from '../../cards/render.js';
import { createRoundPreviewCard, createRoundStatusCard } from '../../cards/round.js';
import { DeliveryLedger } from '../../notify/ledger.js';
import { registerOptions } from '../../services/registerSummary.js';
import { answerRound, closeRound, decideRound, roundPeriod, startRound } from '../../services/relevanceRound.js';
import { identifyAsker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';
import { reminderDeps } from '../reminderDeps.js';
import { VERBS } from '../verbs.js';
import { counted } from '../../domain/words.js';

const asCard = (card: AdaptiveCardJson) => card;
const send = (context: TurnContext, card: AdaptiveCardJson) =>
    context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
const optionsOf = (deps: BotDeps, data: Readonly<StoreData>) => registerOptions(deps.config, data.settings);

/** The manager's card for the round now: its status, or (with none) nothing to show. */
async function statusCard(deps: BotDeps, canDecide: boolean, message?: string) {
    const data = deps.store.read();
    const round = openRound(data) ?? data.rounds.at(-1);
    if (!round) return undefined;
    const deliveries = await new DeliveryLedger(deps.store).records({ period: roundPeriod(round) });
    return createRoundStatusCard(data, roundStatus(round), deliveries, {
        zone: deps.config.timeZone,
        canDecide,
        message,
    });
}

/** No round yet: no group has been asked to confirm which documents it contributes to. Worded for the asker. */
const noRound = (isManager: boolean) =>
    `No relevance round has been started yet, so no group has been asked to confirm which documents it contributes to. ${
        isManager ? 'Say "start the review round" to ask them.' : 'The partnership manager can start one.'
    }`;

/** "Which documents might we remove?": the owners' own doubts, and round answers proposing removal. */
function removalAnswer(deps: BotDeps, data: Readonly<StoreData>): string {
    const options = optionsOf(deps, data);
    const report = dueReport(data.protocols, deps.clock(), options);
    const lines = report.sections.removal_candidate.map((s) => {
        const asAt = positionAsAt(s);
        return `- **${s.protocol.title}**: ${describePosition(s, report.today)}${asAt ? ` (${asAtSuffix(asAt, report.today, options.confirmedMonths)})` : ''}`;
    });
    for (const round of data.rounds)
        for (const r of round.replies.filter((x) => x.answer === 'remove' && x.decision?.outcome !== 'declined')) {
            const p = data.protocols.find((x) => x.id === r.protocolId);
            const group = data.groups.find((g) => g.id === r.groupId)?.name ?? r.groupId;
            lines.push(
                `- **${p?.title ?? r.protocolId}**: ${group} answered "${describeReply(r)}" in the relevance round (${r.decision ? 'accepted' : 'waiting for your decision'})`,
            );
        }
    return lines.length
        ? `Documents that might come off the website:\n\n${lines.join('\n')}`
        : 'Nothing on record suggests removing a document: no owner is deciding whether one is still needed, and no relevance round answer proposes it.';
}

/** "Which are not on the website?" */
function offWebsiteAnswer(deps: BotDeps, data: Readonly<StoreData>): string {
    const options = optionsOf(deps, data);
    const report = dueReport(data.protocols, deps.clock(), options);
    const off = Object.values(report.sections)
        .flat()
        .filter((s) => !s.protocol.onWebsite)
        .map((s) => `- **${s.protocol.title}**: ${describePosition(s, report.today)}`);
    const when = data.protocols.find((p) => !p.onWebsite)?.asAt;
    return off.length
        ? `Not on the KHG website${when ? ` (${asAtSuffix(when, report.today, options.confirmedMonths)})` : ''}:\n\n${off.join('\n')}`
        : 'Every document in the register is on the website.';
}

/** "Which group has the most on?": each group's load in the register, the heaviest first. */
function loadAnswer(deps: BotDeps, data: Readonly<StoreData>): string {
    const report = dueReport(data.protocols, deps.clock(), optionsOf(deps, data));
    const loads = groupLoads(report, data.groups, data.protocols);
    if (loads.length === 0) return 'No group has reviews, drafts or documents due on record.';
    const name = (id: string) => data.groups.find((g) => g.id === id)?.name ?? id;
    return `Each group's load in the register, the most first (reviews under way, drafts, documents due on the evidence, and documents to decide whether to keep):\n\n${loads
        .map((l) => `- **${name(l.groupId)}**: ${describeLoad(l)}`)
        .join('\n')}\n\nThe register knows what is on record, not how much time each group has.`;
}

export const roundFeature: Feature = {
    name: 'round',
    intents: {
        'round.start': async ({ context, deps, asker }) => {
            if (!asker.person?.isManager) {
                await context.sendActivity(
                    'Only the partnership manager can start a relevance round. Ask "how is the review round going?" to see where it stands.',
                );
                return;
            }
            const data = deps.store.read() as StoreData;
            if (openRound(data)) {
                await send(context, (await statusCard(deps, true, 'A round is already under way.'))!);
                return;
            }
            await send(context, createRoundPreviewCard(data, planRound(data)));
        },
        'round.status': async ({ context, deps, asker }) => {
            const card = await statusCard(deps, Boolean(asker.person?.isManager));
            if (card) await send(context, card);
            else await context.sendActivity(noRound(Boolean(asker.person?.isManager)));
        },
        'protocols.remove': async ({ context, deps }) => {
            await context.sendActivity(removalAnswer(deps, deps.store.read()));
        },
        'protocols.offsite': async ({ context, deps }) => {
            await context.sendActivity(offWebsiteAnswer(deps, deps.store.read()));
        },
        'protocols.load': async ({ context, deps }) => {
            await context.sendActivity(loadAnswer(deps, deps.store.read()));
        },
    },
    register(app, deps) {
        const guarded =
            (work: (context: TurnContext, raw: Record<string, unknown>) => Promise<AdaptiveCardJson | string>) =>
            async (context: TurnContext, _state: unknown, raw: Record<string, unknown>) => {
                try {
                    const out = await work(context, raw ?? {});
                    return typeof out === 'string' ? out : asCard(out);
                } catch (err) {
                    if (isAppError(err)) return err.message;
                    throw err;
                }
            };
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.roundConfirm,
            guarded(async (context, raw) => {
                const asker = await identifyAsker(context, deps);
                const data = deps.store.read();
                // Only the round that was previewed starts: a stale or made-up card gets the preview as it is now.
                if (asker.person?.isManager && !openRound(data)) {
                    const plan = planRound(data);
                    if (raw.plan !== planKey(plan)) {
                        await send(context, createRoundPreviewCard(data, plan));
                        return 'Nothing was sent: the groups, chairs or documents have changed since that preview, or the card is not one I made. Here is the round as it would start now.';
                    }
                }
                const { report } = await startRound(
                    reminderDeps(deps),
                    optionsOf(deps, data),
                    asker.person,
                    deps.clock(),
                );
                const sent = report.messages.filter((m) => m.outcome === 'sent' || m.outcome === 'throttled then sent');
                deps.log.info({ by: asker.person?.email, cards: report.messages.length }, 'relevance round started');
                return (await statusCard(
                    deps,
                    true,
                    `Started: ${sent.length} of ${counted(report.messages.length, 'card')} delivered.`,
                ))!;
            }),
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.roundReply,
            guarded(async (context, raw) => {
                const asker = await identifyAsker(context, deps);
                const { groupId, count } = await answerRound(deps.store, raw, asker.person, deps.clock());
                const name = deps.store.read().groups.find((g) => g.id === groupId)?.name ?? groupId;
                return `Thank you: ${counted(count, 'answer')} for ${name} saved. The partnership manager will decide on each before the register changes; you can send the card again to change an answer until then.`;
            }),
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.roundDecide,
            guarded(async (context, raw) => {
                const asker = await identifyAsker(context, deps);
                const { reply, title } = await decideRound(
                    deps.store,
                    raw,
                    asker.person,
                    deps.clock(),
                    deps.config.timeZone,
                );
                return (await statusCard(
                    deps,
                    true,
                    `${reply.decision!.outcome === 'accepted' ? 'Accepted' : 'Declined'}: ${title}, ${describeReply(reply)}.`,
                ))!;
            }),
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.roundClose,
            guarded(async (context, raw) => {
                const asker = await identifyAsker(context, deps);
                await closeRound(deps.store, raw, asker.person, deps.clock());
                return (await statusCard(deps, true, 'The round is closed: no more answers or chases.'))!;
            }),
        );
    },
};
