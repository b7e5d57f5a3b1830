/** Cross sub-group matters are passed on: the chair of each group picked gets one message. */
import { MessageFactory } from 'botbuilder';
import type { Group } from '../../domain/model.js';
import type { UpdateVersion } from '../../domain/progress.js';
import { periodLabel } from '../../cards/progress.js';
import { reachPerson } from '../../notify/recipients.js';
import type { BotDeps } from '../deps.js';

export async function notifyConcernedGroups(
    deps: BotDeps,
    from: Group,
    period: string,
    version: UpdateVersion,
): Promise<void> {
    const data = deps.store.read();
    const text =
        `**${from.name}** raised a matter that concerns your group in its ${periodLabel(period)}:\n\n` +
        `> ${version.otherMatters.slice(0, 1500).replace(/\n/g, '\n> ')}` +
        (version.otherMatters.length > 1500 ? '…' : '') +
        `\n\nSubmitted by ${version.by.name}.`;
    for (const groupId of version.concernsGroups) {
        const chair =
            data.roster.find((e) => e.groupId === groupId && e.role === 'chair') ??
            data.roster.find((e) => e.groupId === groupId && e.role === 'vice_chair');
        if (!chair) {
            deps.log.warn({ groupId }, 'cross-group notice: the group has no chair on the roster');
            continue;
        }
        // A chair of both groups wrote the matter: their own group already knows it.
        if (chair.email.toLowerCase() === version.by.email.toLowerCase()) continue;
        const reach = await reachPerson(deps.store, deps.transport, chair, deps.clock);
        if (!reach.reachable) {
            deps.log.warn({ groupId, reason: reach.reason }, 'cross-group notice: chair not reachable');
            continue;
        }
        const report = await deps.sender.sendOne({
            id: `cross:${from.id}:${period}:${groupId}`,
            reference: reach.reference,
            activity: MessageFactory.text(text),
        });
        deps.log.info({ groupId, outcome: report.outcome }, 'cross-group notice');
    }
}
