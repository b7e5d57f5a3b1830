/**
 * Questions about the strategy, for anyone in the partnership: one objective ("what is HW9?"), who
 * contributes ("who is working on HW9?"), a theme ("the Health and Wellbeing objectives"), a group's
 * objectives ("what does Asset Management report on?"), the gaps ("which objectives has no group
 * taken on?"), and for the partnership manager the objective matrix.
 */
import { MessageFactory, TurnContext } from 'botbuilder';
import { createObjectivesRoundCard, createRoundStartCard } from '../../cards/objectiveRound.js';
import { chairsToAsk, groupsWithoutChair, objectivesPlanKey, openRound } from '../../domain/chairRounds.js';
import { isAppError } from '../../errors.js';
import {
    decideObjectiveProposal,
    openObjectivesRound,
    recordObjectivesReply,
    sendRoundAsks,
    type RoundDeps,
} from '../../services/objectiveRound.js';
import { identifyAsker } from '../asker.js';
import { VERBS } from '../verbs.js';
import { cardAttachment } from '../../cards/render.js';
import { createObjectiveCard, createObjectiveMatrixCard } from '../../cards/strategy.js';
import { groupFinder } from '../../domain/groupNames.js';
import type { ChairRound, Objective, StoreData, ThemeCode } from '../../domain/model.js';
import { managerContact } from '../../domain/people.js';
import { objectivesOf } from '../../domain/progress.js';
import {
    findObjective,
    milestonesOf,
    normaliseRef,
    objectiveGaps,
    objectiveMatrix,
    objectivesOfTheme,
    openHelpRequests,
    RAG_LABELS,
    strategyOrder,
    themeName,
} from '../../domain/strategy.js';
import type { EntityMatch } from '../../nlu/recognizer.js';
import { describeObjective, latestReports } from '../../services/strategy.js';
import { periodLabel } from '../../domain/schedule.js';
import type { BotDeps } from '../deps.js';
import { downloadUrl } from '../digestDownload.js';
import type { Feature } from '../feature.js';
import type { IntentTurn } from '../intents.js';
import { counted } from '../../domain/words.js';

export const INTENTS = {
    objective: 'strategy.objective',
    contributors: 'strategy.contributors',
    theme: 'strategy.theme',
    group: 'strategy.group',
    gaps: 'strategy.gaps',
    matrix: 'strategy.matrix',
    confirm: 'strategy.confirm',
} as const;

/** What the round's use cases need from the bot. */
export function roundDeps(deps: BotDeps): RoundDeps {
    return {
        store: deps.store,
        transport: deps.transport,
        sender: deps.sender,
        log: deps.log,
        zone: deps.config.timeZone,
        chaseWorkingDays: deps.config.roundChaseWorkingDays,
    };
}

export const ROUND_NOT_FOR_YOU =
    'Asking the chairs to confirm their objectives is for the partnership manager. You can ask what your group reports on: **what does my group report on?**';

/** The manager's "ask the chairs to confirm their objectives": the open round's answers, or a preview to start one. */
async function answerConfirm(turn: IntentTurn): Promise<void> {
    const { context, deps, asker } = turn;
    if (!asker.person?.isManager) {
        await context.sendActivity(ROUND_NOT_FOR_YOU);
        return;
    }
    const data = deps.store.read();
    const open = openRound(data, 'objectives');
    const card = open
        ? createObjectivesRoundCard(data, open, deps.config.timeZone)
        : createRoundStartCard(data, chairsToAsk(data), groupsWithoutChair(data));
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

const REF_IN_TEXT = /\b(HW|SH|HD|I|A)\s?(\d{1,3})\b/gi;

/** The objective references a message names: the recogniser's, else any written like "hw 9". */
export function refsNamed(text: string, entities: readonly EntityMatch[]): string[] {
    const found = entities.filter((e) => e.type === 'objective').map((e) => normaliseRef(e.value));
    if (found.length === 0) for (const m of text.matchAll(REF_IN_TEXT)) found.push(normaliseRef(`${m[1]}${m[2]}`));
    return [...new Set(found)];
}

function listRefs(data: StoreData): string {
    return strategyOrder(data)
        .map((o) => o.ref)
        .join(', ');
}

/** The one objective a message names, or a reply saying which are known. */
function objectiveAsked(turn: IntentTurn): { objective: Objective } | { reply: string } {
    const data = turn.deps.store.read();
    const refs = refsNamed(turn.text, turn.recognition.entities);
    if (refs.length === 0)
        return {
            reply:
                'Which objective do you mean? Give its reference, for example **what is HW9?** ' +
                `The objectives recorded are ${listRefs(data)}.`,
        };
    const objective = findObjective(data, refs[0]);
    if (!objective)
        return {
            reply:
                `I have no objective ${refs[0].slice(0, 10)} on record. The objectives recorded are ${listRefs(data)}; ` +
                `the partnership manager (${managerContact(data)}) keeps the list.`,
        };
    return { objective };
}

async function answerObjective(turn: IntentTurn): Promise<void> {
    const asked = objectiveAsked(turn);
    if ('reply' in asked) {
        await turn.context.sendActivity(asked.reply);
        return;
    }
    const { deps } = turn;
    const view = await describeObjective(deps.store, asked.objective);
    const card = createObjectiveCard(deps.store.read(), view, deps.config.ragMode, deps.config.timeZone);
    await turn.context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

async function answerContributors(turn: IntentTurn): Promise<void> {
    const asked = objectiveAsked(turn);
    if ('reply' in asked) {
        await turn.context.sendActivity(asked.reply);
        return;
    }
    const { deps } = turn;
    const view = await describeObjective(deps.store, asked.objective);
    const head = `**${view.ref}** (${view.themeName}): ${view.text}`;
    if (view.gap) {
        await turn.context.sendActivity(
            `${head}\n\nNo group has taken this objective on yet: it is a gap. Ask **which objectives has no group taken on?** to see them all.`,
        );
        return;
    }
    const lines = view.contributions.map((c) => {
        const latest = c.latest
            ? `last reported in the ${periodLabel(c.latest.period)}` +
              (deps.config.ragMode !== 'off' && c.latest.rag !== 'not_rated'
                  ? `, rated ${RAG_LABELS[c.latest.rag]}`
                  : '')
            : 'nothing reported yet';
        const ms = c.milestones.length ? `; ${counted(c.milestones.length, 'milestone')}` : '';
        return `- **${c.groupName}**${c.contribution ? `: ${c.contribution}` : ''} (${latest}${ms})`;
    });
    await turn.context.sendActivity(
        `${head}\n\n${view.contributions.length} group${view.contributions.length === 1 ? ' is' : 's are'} working on it:\n\n${lines.join('\n')}\n\n` +
            `Ask **what is ${view.ref}?** for what each reported and its milestones.`,
    );
}

function themeAsked(turn: IntentTurn, data: StoreData): ThemeCode | undefined {
    const named = turn.recognition.entities.find((e) => e.type === 'theme');
    if (named) return named.value as ThemeCode;
    const t = turn.text.toLowerCase();
    return data.themes.find((x) => t.includes(x.name.toLowerCase()) || new RegExp(`\\b${x.code}\\b`).test(turn.text))
        ?.code;
}

function objectiveLine(data: StoreData, o: Objective): string {
    const groups = o.contributions.map((c) => data.groups.find((g) => g.id === c.groupId)?.name ?? c.groupId);
    return `- **${o.ref}** ${o.text} (${groups.length ? groups.join(', ') : 'gap: no group has taken it on'})`;
}

async function answerTheme(turn: IntentTurn): Promise<void> {
    const data = turn.deps.store.read();
    const code = themeAsked(turn, data);
    if (!code) {
        const themes = data.themes.map((t) => {
            const n = data.objectives.filter((o) => o.theme === t.code).length;
            return `- **${t.name}** (${t.code}): ${counted(n, 'objective')} recorded`;
        });
        await turn.context.sendActivity(
            `The strategy has ${counted(data.themes.length, 'theme')}:\n\n${themes.join('\n')}\n\nAsk about one, for example **the Health and Wellbeing objectives**.`,
        );
        return;
    }
    const objectives = objectivesOfTheme(data, code);
    if (objectives.length === 0) {
        await turn.context.sendActivity(
            `No objectives of the ${themeName(data, code)} theme are recorded yet. The partnership manager (${managerContact(data)}) keeps the list.`,
        );
        return;
    }
    await turn.context.sendActivity(
        `The **${themeName(data, code)}** theme (${code}): ${counted(objectives.length, 'objective')} recorded.\n\n` +
            `${objectives.map((o) => objectiveLine(data, o)).join('\n')}\n\nAsk **what is ${objectives[0].ref}?** for one in full.`,
    );
}

async function answerGroup(turn: IntentTurn): Promise<void> {
    const { deps } = turn;
    const data = deps.store.read();
    let groups = groupFinder(data.groups).find(turn.text);
    if (groups.length === 0 && turn.asker.person) {
        const own = new Set(turn.asker.person.entries.map((e) => e.groupId).filter((g): g is string => Boolean(g)));
        groups = data.groups.filter((g) => own.has(g.id));
    }
    if (groups.length === 0) {
        await turn.context.sendActivity(
            'Which group do you mean? Name it, for example **what does Asset Management report on?**',
        );
        return;
    }
    const latest = await latestReports(
        deps.store,
        groups.map((g) => g.id),
    );
    const parts = groups.map((g) => {
        const mine = objectivesOf(data, g.id);
        if (mine.length === 0) return `**${g.name}** contributes to no objective of the strategy on record.`;
        const lines = mine.map((o) => {
            const report = latest(g.id, o.ref);
            const ms = milestonesOf(data, o.ref, g.id);
            const help = openHelpRequests(data, { groupId: g.id, ref: o.ref }).length;
            const facts = [
                report
                    ? `last reported in the ${periodLabel(report.period)}` +
                      (deps.config.ragMode !== 'off' && report.rag !== 'not_rated' ? `, ${RAG_LABELS[report.rag]}` : '')
                    : 'nothing reported yet',
                ms.length ? counted(ms.length, 'milestone') : '',
                help ? counted(help, 'open help request') : '',
            ].filter(Boolean);
            return `- **${o.ref}** ${o.text}${o.contribution ? `, *${o.contribution}*` : ''} (${facts.join('; ')})`;
        });
        return `**${g.name}** reports on ${counted(mine.length, 'objective')}:\n\n${lines.join('\n')}`;
    });
    await turn.context.sendActivity(parts.join('\n\n'));
}

async function answerGaps(turn: IntentTurn): Promise<void> {
    const data = turn.deps.store.read();
    const gaps = objectiveGaps(data);
    if (gaps.length === 0) {
        await turn.context.sendActivity(
            `Every one of the ${counted(data.objectives.length, 'objective')} on record has at least one group contributing.`,
        );
        return;
    }
    await turn.context.sendActivity(
        `${gaps.length} of the ${data.objectives.length} objectives on record ${gaps.length === 1 ? 'has' : 'have'} no group contributing:\n\n` +
            gaps.map((o) => `- **${o.ref}** (${themeName(data, o.theme)}) ${o.text}`).join('\n') +
            '\n\nThe partnership manager can assign them; chairs can propose taking one on when asked to confirm their objectives.',
    );
}

export const MATRIX_NOT_FOR_YOU =
    "The objective matrix is for the partnership manager. You can ask about one objective (**what is HW9?**), a theme, or your group's objectives.";

export async function answerMatrix(
    context: TurnContext,
    deps: BotDeps,
    isManager: boolean,
    email?: string,
): Promise<void> {
    if (!isManager || !email) {
        await context.sendActivity(MATRIX_NOT_FOR_YOU);
        return;
    }
    const data = deps.store.read();
    // The spreadsheet of the round being collected.
    const url = downloadUrl(deps, { period: 'current', by: email });
    const card = createObjectiveMatrixCard(data, objectiveMatrix(data), url);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

export const strategyFeature: Feature = {
    name: 'strategy',
    register(app, deps) {
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.objectivesRoundStart,
            async (context, _state, data) => {
                const asker = await identifyAsker(context, deps);
                if (!asker.person?.isManager) return ROUND_NOT_FOR_YOU;
                const now = deps.clock();
                const store = deps.store.read();
                if (openRound(store, 'objectives'))
                    return createObjectivesRoundCard(store, openRound(store, 'objectives')!, deps.config.timeZone);
                // Only the round that was previewed starts: a stale or made-up card gets the preview as it is now.
                if (data?.confirm !== true || data.plan !== objectivesPlanKey(store)) {
                    await context.sendActivity(
                        MessageFactory.attachment(
                            cardAttachment(createRoundStartCard(store, chairsToAsk(store), groupsWithoutChair(store))),
                        ),
                    );
                    return 'Nothing was sent: the groups, chairs or objectives have changed since that preview, or the card is not one I made. Here is the round as it would start now.';
                }
                let started: ChairRound;
                try {
                    started = await openObjectivesRound(deps, asker.person, now);
                } catch (err) {
                    if (isAppError(err)) return err.message;
                    throw err;
                }
                // The invoke is answered once the round is stored; the cards go out paced, in the background.
                // The turn's context is revoked once it ends: keep what the follow-up message needs.
                const reference = TurnContext.getConversationReference(context.activity);
                const adapter = context.adapter;
                deps.background.run(
                    'the objectives round',
                    sendRoundAsks(roundDeps(deps), started, now).then(async (sent) => {
                        const reached = sent.filter((s) => s.outcome === 'sent' || s.outcome === 'throttled then sent');
                        const missed = sent.filter((s) => !reached.includes(s));
                        const text =
                            `Sent the objectives card to ${reached.length} of ${counted(sent.length, 'chair')}.` +
                            (missed.length
                                ? ` Not reached: ${missed.map((m) => `${m.name} (${m.reason ?? m.outcome})`).join('; ')}.`
                                : '') +
                            ' Ask me **who has confirmed their objectives?** to see the answers.';
                        await adapter.continueConversationAsync(deps.config.auth.appId ?? '', reference, async (c) => {
                            await c.sendActivity(text);
                        });
                    }),
                );
                return createRoundStartCard(
                    deps.store.read(),
                    started.asks,
                    groupsWithoutChair(deps.store.read()),
                    true,
                );
            },
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.objectivesReply,
            async (context, _state, data) => {
                const asker = await identifyAsker(context, deps);
                try {
                    const { reply } = await recordObjectivesReply(deps.store, data ?? {}, asker.person, deps.clock());
                    const group = deps.store.read().groups.find((g) => g.id === reply.groupId)?.name ?? reply.groupId;
                    return reply.agree
                        ? `Thank you: recorded that ${group}'s objectives are right (${reply.byName}).`
                        : `Thank you: recorded ${counted(reply.proposals.length, 'proposed change')} for ${group}. The partnership manager will apply or decline each, and the objectives change only then.`;
                } catch (err) {
                    if (isAppError(err)) return err.message;
                    throw err;
                }
            },
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.objectivesDecide,
            async (context, _state, data) => {
                const asker = await identifyAsker(context, deps);
                try {
                    const round = await decideObjectiveProposal(deps.store, data ?? {}, asker.person, deps.clock());
                    return createObjectivesRoundCard(deps.store.read(), round, deps.config.timeZone);
                } catch (err) {
                    if (isAppError(err)) return err.message;
                    throw err;
                }
            },
        );
    },
    intents: {
        [INTENTS.confirm]: answerConfirm,
        [INTENTS.objective]: answerObjective,
        [INTENTS.contributors]: answerContributors,
        [INTENTS.theme]: answerTheme,
        [INTENTS.group]: answerGroup,
        [INTENTS.gaps]: answerGaps,
        [INTENTS.matrix]: ({ context, deps, asker }) =>
            answerMatrix(context, deps, Boolean(asker.person?.isManager), asker.person?.email),
    },
};
