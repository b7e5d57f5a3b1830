/**
 * The partnership manager's digest: the card in chat, the full text of one objective, reminding the
 * groups that have not reported, and closing the period. Only the manager may see or act on it.
 */
import { MessageFactory, TurnContext } from 'botbuilder';
import { cardAttachment } from '../../cards/render.js';
import { createDigestCard, createDigestObjectiveCard } from '../../cards/digest.js';
import { parseDigestQuestion } from '../../domain/digestQuestion.js';
import type { ThemeCode } from '../../domain/model.js';
import { buildDigest, currentMonth, periodsCovered } from '../../services/digest.js';
import { delivered, deliveryLines, remindNow } from '../../services/reminders.js';
import { reminderDeps } from '../reminderDeps.js';
import { identifyAsker, type Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import { downloadUrl } from '../digestDownload.js';
import type { Feature } from '../feature.js';
import { VERBS } from '../verbs.js';

export const NOT_FOR_YOU =
    'The digest is for the partnership manager. You can ask me "what\'s my group\'s next update?" or "which protocols are due for review?".';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function filtersOf(
    data: Record<string, unknown>,
    deps: BotDeps,
): { period?: string; theme?: ThemeCode; groupId?: string } | undefined {
    const period = data.period;
    if (typeof period !== 'string' || !PERIOD.test(period)) return undefined;
    const theme = typeof data.theme === 'string' && data.theme ? data.theme : undefined;
    const groupId = typeof data.groupId === 'string' && data.groupId ? data.groupId : undefined;
    const store = deps.store.read();
    if (theme && !store.themes.some((t) => t.code === theme)) return undefined;
    if (groupId && !store.groups.some((g) => g.id === groupId && g.reports)) return undefined;
    return { period, theme: theme as ThemeCode | undefined, groupId };
}

async function digestFor(
    deps: BotDeps,
    asker: Asker,
    request: { period?: string; theme?: ThemeCode; groupId?: string },
) {
    const now = deps.clock();
    const period = request.period ?? currentMonth(now, deps.config.timeZone);
    const digest = await buildDigest(
        deps.store,
        { ...request, period },
        now,
        deps.config.timeZone,
        deps.registerSummary?.(now),
    );
    const url = downloadUrl(deps, { period, theme: request.theme, groupId: request.groupId, by: asker.person!.email });
    return { digest, card: createDigestCard(digest, url, request) };
}

export async function answerDigest(context: TurnContext, deps: BotDeps, asker: Asker, text: string): Promise<void> {
    if (!asker.person?.isManager) {
        await context.sendActivity(NOT_FOR_YOU);
        return;
    }
    const request = parseDigestQuestion(text, deps.store.read().groups, deps.clock(), deps.config.timeZone);
    const { card } = await digestFor(deps, asker, request);
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

export const digestFeature: Feature = {
    name: 'digest',
    intents: {
        digest: async ({ context, deps, asker, text }) => answerDigest(context, deps, asker, text),
    },
    register(app, deps) {
        const managerOnly = async (context: TurnContext) => {
            const asker = await identifyAsker(context, deps);
            return asker.person?.isManager ? asker : undefined;
        };
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.digestObjective,
            async (context, _state, data) => {
                const asker = await managerOnly(context);
                if (!asker) return NOT_FOR_YOU;
                const filters = filtersOf(data, deps);
                const ref = typeof data.ref === 'string' ? data.ref : '';
                if (!filters) return 'That digest card is out of date or not valid. Ask me for the digest again.';
                const { digest } = await digestFor(deps, asker, filters);
                const card = createDigestObjectiveCard(digest, ref);
                if (!card) return `There is nothing reported for "${ref.slice(0, 20)}" in that digest.`;
                // Shown as a new message, so the digest card itself stays as it was.
                await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
                return `Here is the full text for ${ref}.`;
            },
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.digestRemind, async (context, _state, data) => {
            const asker = await managerOnly(context);
            if (!asker) return NOT_FOR_YOU;
            const filters = filtersOf(data, deps);
            if (!filters) return 'That digest card is out of date or not valid. Nothing was sent.';
            const now = deps.clock();
            const digest = await buildDigest(deps.store, filters, now, deps.config.timeZone);
            if (digest.missing.length === 0) return 'Every group in this digest has reported: no reminders needed.';
            // The invoke is answered at once; the reminders go out paced, in the background.
            // The turn's context is revoked once it ends: keep what the follow-up message needs.
            const reference = TurnContext.getConversationReference(context.activity);
            const adapter = context.adapter;
            remindNow(reminderDeps(deps), digest.missing, now)
                .then(async (report) => {
                    // A vice-chair standing in is counted on the chair's line, not as another chair.
                    const chairs = report.messages.filter((m) => !m.standingInFor);
                    const reached = chairs.filter(delivered).length;
                    const summary =
                        `Reminders sent to ${reached} of ${chairs.length} chair${chairs.length === 1 ? '' : 's'}` +
                        (chairs.length < digest.missing.length ? ` (the others were already reminded today)` : '') +
                        '.' +
                        deliveryLines(report)
                            .map((line) => `\n\n${line}.`)
                            .join('');
                    await adapter.continueConversationAsync(deps.config.auth.appId ?? '', reference, async (c) => {
                        await c.sendActivity(summary);
                    });
                })
                .catch((err: unknown) =>
                    deps.log.error({ err: (err as Error).message }, 'reminding missing groups failed'),
                );
            return `Reminding the chairs of ${digest.missing.length} group${digest.missing.length === 1 ? '' : 's'} now: ${digest.missing.map((m) => m.groupName).join(', ')}. I'll tell you when they have gone.`;
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.digestClose, async (context, _state, data) => {
            const asker = await managerOnly(context);
            if (!asker) return NOT_FOR_YOU;
            const filters = filtersOf(data, deps);
            if (!filters) return 'That digest card is out of date or not valid. Nothing was changed.';
            const periods = periodsCovered(deps.store, filters.period!);
            const at = deps.clock().toISOString();
            const closed = await deps.store.transact((d) => {
                const fresh = periods.filter((p) => !d.closedPeriods.some((c) => c.period === p));
                d.closedPeriods.push(
                    ...fresh.map((period) => ({ period, closedAt: at, closedBy: asker.person!.email })),
                );
                return fresh;
            });
            if (closed.length === 0) return 'That period was already closed.';
            return `Closed the ${closed.join(', ')} updates: they can no longer be changed, and late groups are no longer chased for them.`;
        });
    },
};
