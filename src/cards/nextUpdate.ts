/** Builds the next-update and late-groups cards from the groups' update status. */
import { showDate } from '../domain/partialDate.js';
import { shortName } from '../domain/groupNames.js';
import { ROLE_LABELS } from '../domain/help.js';
import type { GroupUpdateStatus, LateGroup } from '../domain/nextUpdate.js';
import type { Person } from '../domain/people.js';
import { canWriteUpdate, type UpdateState } from '../domain/progress.js';
import { describeDaysUntilDue, periodLabel, type CurrentPeriod } from '../domain/schedule.js';
import type { LateGroupsCardModel, NextUpdateCardModel, NextUpdateGroup } from './models.js';
import { cardBytes, renderCard, type AdaptiveCardJson } from './render.js';

/** Teams refuses a message over about 100 KB; above this, each group gets a card of its own. */
export const MAX_CARD_BYTES = 80 * 1024;
/** Length of a "last time" line before it is cut. */
const LAST_LINE_CHARS = 140;
/** Length of an objective's text on a card that would otherwise be too big for one message. */
const SHORT_OBJECTIVE_CHARS = 200;

const RAG_SHORT = { green: 'Green', amber: 'Amber', red: 'Red', not_rated: '' } as const;

function when(iso: string, zone: string): string {
    return showDate(iso, { zone, time: true });
}

/** One line of at most `max` characters: whitespace collapsed, cut at a word with an ellipsis. */
export function oneLine(text: string, max = LAST_LINE_CHARS): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (flat.length <= max) return flat;
    const cut = flat.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

export function dueLine(p: Pick<CurrentPeriod, 'due' | 'daysUntilDue' | 'submitted' | 'closed'>): string {
    const distance = p.submitted ? ': submitted' : p.closed ? ': closed' : `: ${describeDaysUntilDue(p.daysUntilDue)}`;
    return `Due ${showDate(p.due, { weekday: true })}${distance}`;
}

export function stateLine(state: UpdateState, zone: string): string {
    switch (state.state) {
        case 'not_started':
            return 'Not started';
        case 'draft':
            return `Draft saved by ${state.by} on ${when(state.at, zone)}, not submitted yet`;
        case 'submitted':
            return (
                `Submitted by ${state.by}${state.onBehalf ? ' (the partnership manager, on behalf of the group)' : ''} on ${when(state.at, zone)}` +
                (state.editing ? '; an edit is in progress' : '')
            );
    }
}

function owedLine(p: CurrentPeriod): string {
    return `${p.label} (due ${showDate(p.due)}, ${describeDaysUntilDue(p.daysUntilDue)})`;
}

function roleLine(person: Person | undefined, groupId: string): string {
    const entry = person?.entries.find((e) => e.groupId === groupId);
    if (entry) {
        return entry.role === 'member' ? 'You are a member of this group.' : `You are its ${ROLE_LABELS[entry.role]}.`;
    }
    return person?.isManager ? 'You are the partnership manager.' : '';
}

/** One group's section: dates, state, objectives with last time's line, and the form button if allowed. */
export function nextUpdateGroup(status: GroupUpdateStatus, person: Person | undefined, zone: string): NextUpdateGroup {
    const { group, current, state, lastTime } = status;
    const mayWrite = canWriteUpdate(person, group.id).allowed;
    const openNow = current.open && !current.closed;
    const facts = [
        { title: current.open ? 'Open since' : 'Opens', value: showDate(current.opens, { weekday: true }) },
        {
            title: 'Cadence',
            value: group.cadenceMonths === 3 ? 'Every 3 months (quarterly)' : `Every ${group.cadenceMonths} months`,
        },
        {
            title: 'This update',
            value:
                current.closed && state.state !== 'submitted'
                    ? 'Closed by the partnership manager'
                    : stateLine(state, zone),
        },
        status.alsoOwed.length > 0
            ? { title: 'Also owed', value: status.alsoOwed.map(owedLine).join('; ') }
            : {
                  title: 'After this',
                  value: `${status.following.label}, due ${showDate(status.following.due, { weekday: true })}`,
              },
        // A value the papers do not give (the day of the month, a demo date) is shown as what it is.
        ...(group.assumptions ?? []).map((a) => ({ title: 'Assumed', value: a })),
        ...(group.scheduleSetBy
            ? [
                  {
                      title: 'Set by',
                      value: `${group.scheduleSetBy.name}, ${showDate(group.scheduleSetBy.at, { zone })}`,
                  },
              ]
            : []),
    ];
    return {
        groupId: group.id,
        groupName: group.name,
        period: current.period,
        periodLabel: current.label,
        roleLine: roleLine(person, group.id),
        dueLine: dueLine(current),
        dueColor: current.late
            ? 'Attention'
            : current.submitted
              ? 'Good'
              : current.daysUntilDue <= 14
                ? 'Warning'
                : 'Default',
        facts,
        state: state.state,
        lastTimeLine: lastTime
            ? `Last update: ${periodLabel(lastTime.period).replace(/ update$/, '')}, submitted by ${lastTime.version.by.name} on ${when(lastTime.version.at, zone)}.`
            : '',
        objectives: status.objectives.map((o) => {
            const said = lastTime?.version.sections.find((s) => s.ref === o.ref);
            const rag = said ? RAG_SHORT[said.rag] : '';
            return {
                ref: o.ref,
                text: o.text,
                contribution: o.contribution,
                lastLine: !lastTime
                    ? 'No update yet'
                    : !said || (!said.text && !said.noChange)
                      ? 'Nothing reported'
                      : `${rag ? `${rag}: ` : ''}${said.noChange ? 'No change. ' : ''}${oneLine(said.text, LAST_LINE_CHARS)}`.trim(),
            };
        }),
        canOpenForm: mayWrite && openNow,
        // Named for the group, so a chair of several groups can tell the buttons apart.
        formTitle:
            state.state === 'draft'
                ? `Continue ${shortName(group)}’s draft`
                : state.state === 'submitted'
                  ? `Open ${shortName(group)}’s update`
                  : `Write ${shortName(group)}’s update`,
        formNote: !mayWrite
            ? 'The chair or vice-chair writes this update.'
            : current.closed
              ? 'The partnership manager has closed this period.'
              : !current.open
                ? `The update opens on ${showDate(current.opens, { weekday: true })}.`
                : '',
    };
}

export function nextUpdateModel(
    statuses: GroupUpdateStatus[],
    person: Person | undefined,
    zone: string,
): NextUpdateCardModel {
    const groups = statuses.map((s) => nextUpdateGroup(s, person, zone));
    const mine = statuses.filter((s) => person?.entries.some((e) => e.groupId === s.group.id));
    return {
        title:
            groups.length === 1
                ? `${groups[0].groupName}: next update`
                : mine.length === statuses.length
                  ? "Your groups' next updates"
                  : 'Next updates',
        intro:
            groups.length > 1 && person && mine.length > 0
                ? `You are ${person.entries
                      .filter((e) => statuses.some((s) => s.group.id === e.groupId))
                      .map(
                          (e) =>
                              `${ROLE_LABELS[e.role]} of ${statuses.find((s) => s.group.id === e.groupId)!.group.name}`,
                      )
                      .join(' and ')}.`
                : '',
        groups,
    };
}

/**
 * The next-update answer: one card with every group when it fits in a Teams message, else one card
 * per group.
 */
export function createNextUpdateCards(
    statuses: GroupUpdateStatus[],
    person: Person | undefined,
    zone: string,
): AdaptiveCardJson[] {
    const card = renderCard('next-update', nextUpdateModel(statuses, person, zone));
    if (cardBytes(card) <= MAX_CARD_BYTES) return [card];
    return statuses.map((s) => {
        const model = nextUpdateModel([s], person, zone);
        const single = renderCard('next-update', model);
        if (cardBytes(single) <= MAX_CARD_BYTES) return single;
        // Still too big for one message: the objectives' texts are cut to a line each.
        for (const o of model.groups[0].objectives) {
            o.text = oneLine(o.text, SHORT_OBJECTIVE_CHARS);
            o.contribution = oneLine(o.contribution, SHORT_OBJECTIVE_CHARS);
        }
        return renderCard('next-update', model);
    });
}

export function createLateGroupsCard(late: LateGroup[], zone: string): AdaptiveCardJson {
    const model: LateGroupsCardModel = {
        title:
            late.length === 1 ? '1 group is late with its update' : `${late.length} groups are late with their update`,
        summary: 'Most late first, with the people to chase.',
        groups: late.map(({ status, chairs }) => ({
            groupName: status.group.name,
            periodLabel: status.current.label,
            dueLine: `Due ${showDate(status.current.due)}: ${describeDaysUntilDue(status.current.daysUntilDue)}`,
            chairsLine:
                chairs.length > 0
                    ? chairs
                          .map((c) => `${c.role === 'chair' ? 'Chair' : 'Vice-chair'}: ${c.name} (${c.email})`)
                          .join(' · ')
                    : 'No chair or vice-chair on the roster',
            stateLine: stateLine(status.state, zone),
            alsoLine: status.alsoOwed.some((p) => p.late)
                ? `Also late: ${status.alsoOwed
                      .filter((p) => p.late)
                      .map(owedLine)
                      .join('; ')}`
                : '',
        })),
    };
    return renderCard('late-groups', model);
}
