/** The reminder card's own buttons: "Snooze a week" and "I'll do it later". */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../../cards/render.js';
import { createReminderOutcomesCard } from '../../services/reminderReport.js';
import { DateTime } from 'luxon';
import { showDate } from '../../domain/partialDate.js';
import { notOnRoster } from '../../domain/people.js';
import { canWriteUpdate } from '../../domain/progress.js';
import { findPeriod, isScheduled } from '../../domain/schedule.js';
import { groupUpdateStatus, type GroupUpdateStatus } from '../../domain/nextUpdate.js';
import { createReminderCard } from '../../cards/reminders.js';
import { updatesByGroup } from '../../services/groups.js';
import { identifyAsker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';
import { VERBS } from '../verbs.js';

/** "I'll do it later" holds reminders for this long. */
export const LATER_DAYS = 3;

async function snooze(
    deps: BotDeps,
    context: TurnContext,
    data: Record<string, unknown>,
    days: number,
): Promise<string> {
    const groupId = typeof data.groupId === 'string' ? data.groupId : '';
    const period =
        typeof data.period === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(data.period) ? data.period : undefined;
    const group = deps.store.read().groups.find((g) => g.id === groupId && g.reports);
    // The period must be one of the group's own: a forged or stale card names nothing to snooze.
    if (!group || !period || !isScheduled(group) || !findPeriod(group, period))
        return 'That reminder is for a group or period I do not know. Nothing was changed.';
    if (!Number.isInteger(days) || days < 1 || days > 28)
        return 'A snooze must be between 1 and 28 days. Nothing was changed.';
    const asker = await identifyAsker(context, deps);
    if (!canWriteUpdate(asker.person, group.id).allowed) {
        return `Only the chair or vice-chair of ${group.name} can snooze its reminders. Nothing was changed.`;
    }
    const now = deps.clock();
    const until = DateTime.fromJSDate(now, { zone: deps.config.timeZone }).plus({ days });
    await deps.store.transact((d) => {
        d.snoozes = d.snoozes.filter((s) => !(s.groupId === group.id && s.period === period));
        d.snoozes.push({
            groupId: group.id,
            period,
            until: until.toUTC().toISO()!,
            by: asker.person!.email,
            at: now.toISOString(),
        });
    });
    return `OK: no reminders about ${group.name}'s update until ${showDate(until.toISO()!, { zone: deps.config.timeZone, weekday: true })}. I'll remind you again after that if it is still open.`;
}

export const remindersFeature: Feature = {
    name: 'reminders',
    intents: {
        'reminders.me': async ({ context, asker, deps }) => {
            const data = deps.store.read();
            const mine = asker.person
                ? data.groups.filter(
                      (g) =>
                          isScheduled(g) &&
                          asker.person!.entries.some(
                              (e) => e.groupId === g.id && (e.role === 'chair' || e.role === 'vice_chair'),
                          ),
                  )
                : [];
            if (mine.length === 0) {
                await context.sendActivity(
                    asker.person
                        ? "Reminders go to each group's chair and vice-chair, and you are neither for any group. Ask me **what's my group's next update?** to see where yours stands."
                        : notOnRoster(data),
                );
                return;
            }
            const now = deps.clock();
            const updates = await updatesByGroup(
                deps.store,
                mine.map((g) => g.id),
            );
            const items = mine
                .map((g) => groupUpdateStatus(data, g, updates(g.id), now, deps.config.timeZone))
                .filter((st): st is GroupUpdateStatus => Boolean(st) && !st!.current.submitted)
                .map((st) => ({
                    groupId: st.group.id,
                    period: st.current.period,
                    due: st.current.due,
                    as: 'chair' as const,
                    steps: [
                        {
                            name: 'asked',
                            kind: st.current.late ? ('chase' as const) : ('reminder' as const),
                            sendAt: now,
                        },
                    ],
                }));
            if (items.length === 0) {
                await context.sendActivity(
                    'Nothing to remind you of: every update you are responsible for is submitted.',
                );
                return;
            }
            const card = createReminderCard(data, asker.person!, items, now, deps.config.timeZone);
            await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
        },
        'reminders.report': async ({ context, asker, deps }) => {
            if (!asker.person?.isManager) {
                await context.sendActivity(
                    'Reminder delivery is for the partnership manager. Ask me "what\'s my group\'s next update?" to see your own.',
                );
                return;
            }
            await context.sendActivity(
                MessageFactory.attachment(
                    cardAttachment(await createReminderOutcomesCard(deps.store, deps.config.timeZone)),
                ),
            );
        },
    },
    register(app, deps) {
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.reminderSnooze, async (context, _state, data) =>
            snooze(deps, context, data, typeof data.days === 'number' ? data.days : Number(data.days)),
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.reminderLater, async (context, _state, data) =>
            snooze(deps, context, data, LATER_DAYS),
        );
    },
};
