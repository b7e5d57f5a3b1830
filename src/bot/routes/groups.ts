/**
 * "What's my group's next update?" (or "KHOG's next update") and "which groups are late?". Each
 * handler reads who is asking and which groups are named, calls the domain, and answers with a card.
 */
import { showDate } from '../../domain/partialDate.js';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { createLateGroupsCard, createNextUpdateCards } from '../../cards/nextUpdate.js';
import { cardAttachment } from '../../cards/render.js';
import { groupFinder } from '../../domain/groupNames.js';
import type { Group } from '../../domain/model.js';
import {
    allGroupStatuses,
    groupUpdateStatus,
    lateGroups,
    reportingGroupsOf,
    type GroupUpdateStatus,
} from '../../domain/nextUpdate.js';
import { managerContact, notOnRoster } from '../../domain/people.js';
import { describeDaysUntilDue, isScheduled } from '../../domain/schedule.js';
import { updatesByGroup } from '../../services/groups.js';
import type { Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';

export const INTENTS = { nextUpdate: 'update.next', late: 'groups.late' } as const;

async function statusesOf(deps: BotDeps, groups: Group[]): Promise<GroupUpdateStatus[]> {
    const data = deps.store.read();
    const updates = await updatesByGroup(
        deps.store,
        groups.map((g) => g.id),
    );
    const now = deps.clock();
    return groups
        .map((g) => groupUpdateStatus(data, g, updates(g.id), now, deps.config.timeZone))
        .filter((s): s is GroupUpdateStatus => Boolean(s));
}

/** The manager's overview when they name no group: every reporting group, soonest due first. */
async function managerOverview(deps: BotDeps): Promise<string> {
    const data = deps.store.read();
    const statuses = allGroupStatuses(data, await updatesByGroup(deps.store), deps.clock(), deps.config.timeZone);
    const lines = statuses.map(
        (s) =>
            `- **${s.group.name}**: ${s.current.label}, due ${showDate(s.current.due)} ` +
            `(${s.current.submitted ? 'submitted' : describeDaysUntilDue(s.current.daysUntilDue)})`,
    );
    return (
        'You are the partnership manager, so no group is yours alone. Ask about one by name (for example ' +
        "**KHOG's next update**), or ask **which groups are late?**\n\n" +
        (lines.length ? `Coming up:\n\n${lines.join('\n')}` : 'No group has an update scheduled yet.')
    );
}

export async function answerNextUpdate(context: TurnContext, deps: BotDeps, asker: Asker, text: string): Promise<void> {
    const person = asker.person;
    if (!person) {
        await context.sendActivity(notOnRoster(deps.store.read()));
        return;
    }
    const data = deps.store.read();
    const named = groupFinder(data.groups).find(text);
    const namedReporting = named.filter(isScheduled);
    const own = reportingGroupsOf(data.groups, person);
    let groups: Group[];
    if (namedReporting.length > 0) groups = namedReporting;
    else if (named.length > 0 && own.length === 0) {
        // "The Board's next update": a partner body or the Board itself, which sends no progress updates.
        await context.sendActivity(
            `${named.map((g) => g.name).join(' and ')} ${named.length > 1 ? "don't" : "doesn't"} send progress updates: only the sub-groups do. ` +
                "Ask about a sub-group by name, for example **KHOG's next update**.",
        );
        return;
    } else groups = own;

    if (groups.length === 0) {
        await context.sendActivity(
            person.isManager
                ? await managerOverview(deps)
                : `None of your groups sends progress updates, so there is no update to prepare. If that is wrong, ask ${managerContact(data)}.`,
        );
        return;
    }
    const cards = createNextUpdateCards(await statusesOf(deps, groups), person, deps.config.timeZone);
    for (const card of cards) await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

export async function answerLateGroups(context: TurnContext, deps: BotDeps, asker: Asker): Promise<void> {
    const person = asker.person;
    if (!person) {
        await context.sendActivity(notOnRoster(deps.store.read()));
        return;
    }
    if (!person.isManager) {
        await context.sendActivity(
            "Only the partnership manager sees which groups are late. You can ask about your own group's update: **what's my group's next update?**",
        );
        return;
    }
    const data = deps.store.read();
    const now = deps.clock();
    const updates = await updatesByGroup(deps.store);
    const late = lateGroups(data, updates, now, deps.config.timeZone);
    if (late.length === 0) {
        const next = allGroupStatuses(data, updates, now, deps.config.timeZone).find((s) => !s.current.submitted);
        await context.sendActivity(
            'No group is late with its update.' +
                (next
                    ? ` Next due: **${next.group.name}**, ${next.current.label}, ${showDate(next.current.due)} (${describeDaysUntilDue(next.current.daysUntilDue)}).`
                    : ''),
        );
        return;
    }
    await context.sendActivity(
        MessageFactory.attachment(cardAttachment(createLateGroupsCard(late, deps.config.timeZone))),
    );
}

export const groupsFeature: Feature = {
    name: 'groups',
    intents: {
        [INTENTS.nextUpdate]: ({ context, deps, asker, text }) => answerNextUpdate(context, deps, asker, text),
        [INTENTS.late]: ({ context, deps, asker }) => answerLateGroups(context, deps, asker),
    },
};
