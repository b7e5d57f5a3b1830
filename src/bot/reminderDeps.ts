/** The reminder run's dependencies, from the bot's and the configured policy. */
import { paperDeadline, upcomingMeetings } from '../domain/rounds.js';
import { localToday } from '../domain/schedule.js';
import { openPeriodsOf } from '../services/groups.js';
import type { ReminderDeps } from '../services/reminders.js';
import type { BotDeps } from './deps.js';
import { protocolsDueFor, registerOptions } from '../services/registerSummary.js';

export function reminderDeps(deps: BotDeps): ReminderDeps {
    const { config, store } = deps;
    return {
        store,
        transport: deps.transport,
        sender: deps.sender,
        log: deps.log,
        policy: {
            beforeDays: [...config.reminders.beforeDays],
            chaseEveryDays: config.reminders.chaseEveryDays,
            chaseLimit: config.reminders.chaseLimit,
            sendTime: config.reminders.sendTime,
            zone: config.timeZone,
        },
        openPeriods: (groups, data, now) => openPeriodsOf(store, groups, data, now, config.timeZone),
        protocolsEveryDays: config.reminders.protocolsEveryDays,
        paperDeadline: (data, now) => {
            const next = upcomingMeetings(data.boardMeetings, localToday(now, config.timeZone))[0];
            return next && paperDeadline(next.date, config.boardPaperWorkingDays);
        },
        extras: (email, now) => {
            const data = store.read();
            const groups = data.roster
                .filter(
                    (e) =>
                        e.email.toLowerCase() === email.toLowerCase() &&
                        (e.role === 'chair' || e.role === 'vice_chair'),
                )
                .map((e) => e.groupId!);
            return { protocols: protocolsDueFor(data, groups, now, registerOptions(config, data.settings)) };
        },
    };
}
