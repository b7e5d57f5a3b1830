/** Builds the progress form and summary cards from a group's update. */
import { showDate } from '../domain/partialDate.js';
import type { Group, StoreData } from '../domain/model.js';
import {
    LIMITS,
    RAG_VALUES,
    objectivesOf,
    updateState,
    type FieldProblem,
    latestVersion,
    submittedVersion,
    type Rag,
    type UpdateDoc,
    type UpdateVersion,
} from '../domain/progress.js';
import { periodLabel } from '../domain/schedule.js';
import {
    describeMilestoneDate,
    helpFromText,
    MILESTONE_STATE_LABELS,
    milestonesOf,
    openHelpRequests,
    RAG_LABELS,
    suggestRagAt,
    type RagMode,
} from '../domain/strategy.js';
import { renderCard } from './render.js';
import type { ProgressFormModel, ProgressSummaryModel } from './models.js';

const RAG_LABEL: Record<Rag, string> = {
    green: 'Green: on track',
    amber: 'Amber: some risk',
    red: 'Red: off track',
    not_rated: 'Not rated',
};
const RAG_COLOR: Record<Rag, string> = { green: 'Good', amber: 'Warning', red: 'Attention', not_rated: 'Default' };

export { periodLabel };

function when(iso: string, zone: string): string {
    return showDate(iso, { zone, time: true });
}

export interface FormContext {
    data: StoreData;
    group: Group;
    period: string;
    doc?: UpdateDoc;
    previous?: { period: string; version: UpdateVersion };
    dueLine?: string;
    zone: string;
    /**
     * Values someone sent that were not saved (card data that arrived as text): shown in the boxes in
     * place of the stored draft, with `sentLine` saying so.
     */
    sent?: SentValues;
    sentLine?: string;
    /** How RAG is used (default `suggest`). */
    ragMode?: RagMode;
    /** Now, for the RAG suggested from milestones. */
    now?: Date;
    /** Why a submission was refused, by input id: each is shown directly under its input. */
    problems?: readonly FieldProblem[];
}

/** "Suggested from milestones: Amber (1 milestone slipped to a new date). Your own rating stands." */
function suggestionLine(
    data: StoreData,
    groupId: string,
    ref: string,
    ragMode: RagMode,
    now: Date | undefined,
    zone: string,
): string {
    if (ragMode !== 'suggest' || !now) return '';
    const s = suggestRagAt(milestonesOf(data, ref, groupId), now, zone);
    return s ? `Suggested from the milestones: ${RAG_LABELS[s.rag]} (${s.why}). Your own rating stands.` : '';
}

/** A progress form's values as a card sends them: `text_<ref>`, `rag_<ref>`, `nochange_<ref>`, otherMatters, concerns. */
export type SentValues = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The progress form for a group and period: the stored draft, or (with `sent`) the values someone sent
 * that were not saved, and (with `problems`) why, each at its own input.
 *
 * Validation at the field, in two parts. Teams checks `isRequired`, `regex` and `errorMessage` on the
 * client before sending, but for every input of the card and for "Save draft" as well as "Submit"
 * (Action.Execute with `associatedInputs` "auto"; "none" would send the draft without its text). So the
 * card marks for the client only what a draft needs too: "Other important matters" when it is the whole
 * update (a group with no objectives), and the format of a milestone's new date. An objective's text is
 * needed to submit but not to save a draft (chairs write in pieces), and not at all when "No change
 * since last update" is ticked, which a card cannot express; "What help is needed" only when help is
 * ticked. Those the server checks (`parseSubmission`): refusing, it stores nothing and the form comes
 * back with the values sent and each problem directly under its input.
 */
export function createProgressForm(c: FormContext) {
    const latest = latestVersion(c.doc);
    const state = updateState(c.doc);
    const sent = c.sent;
    const problem = (id: string) => c.problems?.find((p) => p.field === id)?.message ?? '';
    const toggled = (v: unknown) => (['true', true].includes(v as string) ? 'true' : 'false');
    const stateLine = sent
        ? (c.sentLine ?? '')
        : state.state === 'draft'
          ? `Draft saved by ${state.by} on ${when(state.at, c.zone)}: carry on where you left off.`
          : state.state === 'submitted'
            ? `Submitted by ${state.by} on ${when(state.at, c.zone)}. Saving again creates a new version; the earlier ones are kept.`
            : '';
    const model: ProgressFormModel = {
        groupId: c.group.id,
        groupName: c.group.name,
        period: c.period,
        periodLabel: periodLabel(c.period),
        dueLine: c.dueLine ?? `For the ${periodLabel(c.period)}.`,
        stateLine,
        basedOn: latest?.version ?? 0,
        objectives: objectivesOf(c.data, c.group.id).map((o) => {
            const last = c.previous?.version.sections.find((s) => s.ref === o.ref);
            const mine = latest?.sections.find((s) => s.ref === o.ref);
            const flagged = latest?.help?.find((h) => h.ref === o.ref);
            return {
                suggestion: suggestionLine(c.data, c.group.id, o.ref, c.ragMode ?? 'suggest', c.now, c.zone),
                milestones: milestonesOf(c.data, o.ref, c.group.id).map((m) => {
                    const drafted = sent
                        ? {
                              state: str(sent[`ms_${m.id}`]),
                              newTarget: (str(sent[`msdate_${m.id}`]) ?? '').slice(0, 10),
                          }
                        : latest?.milestones?.find((x) => x.id === m.id);
                    return {
                        dateError: problem(`msdate_${m.id}`),
                        id: m.id,
                        description: m.description,
                        dateLine:
                            `${MILESTONE_STATE_LABELS[m.state]}${m.stateAssumed ? ' (assumed from the action plan)' : ''}, ${describeMilestoneDate(m)}` +
                            (m.lead ? `; lead: ${m.lead}` : ''),
                        state: drafted?.state ?? m.state,
                        newTarget: drafted?.newTarget ?? m.newTarget ?? '',
                    };
                }),
                helpNeeded: sent ? toggled(sent[`help_${o.ref}`]) : flagged ? 'true' : 'false',
                helpFrom: sent
                    ? (str(sent[`helpfrom_${o.ref}`]) ?? 'manager')
                    : flagged
                      ? flagged.from === 'group'
                          ? `group:${flagged.fromGroupId}`
                          : flagged.from
                      : 'manager',
                helpNeed: sent ? (str(sent[`helpneed_${o.ref}`]) ?? '').slice(0, 2000) : (flagged?.need ?? ''),
                textError: problem(`text_${o.ref}`),
                helpNeedError: problem(`helpneed_${o.ref}`),
                openHelp: openHelpRequests(c.data, { groupId: c.group.id, ref: o.ref }).map((h) => ({
                    id: h.id,
                    line: `Help asked in the ${periodLabel(h.period)} from ${helpFromText(c.data, h.from, h.fromGroupId)}: ${h.need}`,
                    resolved: sent
                        ? str(sent[`helpresolved_${h.id}`]) === 'yes'
                            ? 'yes'
                            : 'no'
                        : latest?.resolvedHelp?.includes(h.id)
                          ? 'yes'
                          : 'no',
                })),
                ref: o.ref,
                text: o.text,
                contribution: o.contribution,
                hasLast: Boolean(last?.text),
                lastLabel: last ? `${periodLabel(c.previous!.period)}, ${RAG_LABEL[last.rag]}` : '',
                lastText: last?.text ?? '',
                draftText: sent
                    ? (str(sent[`text_${o.ref}`]) ?? '').slice(0, LIMITS.sectionText)
                    : mine && !mine.noChange
                      ? mine.text
                      : '',
                draftRag: sent
                    ? (RAG_VALUES as readonly string[]).includes(str(sent[`rag_${o.ref}`]) ?? '')
                        ? (sent[`rag_${o.ref}`] as string)
                        : 'not_rated'
                    : (mine?.rag ?? 'not_rated'),
                noChange: sent ? toggled(sent[`nochange_${o.ref}`]) : mine?.noChange ? 'true' : 'false',
                maxLength: LIMITS.sectionText,
            };
        }),
        otherMatters: sent
            ? (str(sent.otherMatters) ?? '').slice(0, LIMITS.otherMatters)
            : (latest?.otherMatters ?? ''),
        otherMattersRequired: objectivesOf(c.data, c.group.id).length === 0,
        otherMattersError: problem('otherMatters'),
        concerns: sent
            ? (str(sent.concerns) ?? '')
                  .split(',')
                  .map((g) => g.trim())
                  .filter((g) => c.data.groups.some((x) => x.id === g))
                  .join(',')
            : (latest?.concernsGroups ?? []).join(','),
        otherGroups: c.data.groups
            .filter((g) => g.reports && g.id !== c.group.id)
            .map((g) => ({ id: g.id, name: g.name })),
        maxLength: LIMITS.otherMatters,
        ragEnabled: (c.ragMode ?? 'suggest') !== 'off',
        helpGroups: c.data.groups
            .filter((g) => g.reports && g.id !== c.group.id)
            .map((g) => ({ id: g.id, name: g.name })),
    };
    return renderCard('progress-form', model);
}

export interface SummaryContext {
    data: StoreData;
    group: Group;
    period: string;
    doc: UpdateDoc;
    zone: string;
    canEdit: boolean;
    refreshUserIds: string[];
    ragMode?: RagMode;
    now?: Date;
}

export function createProgressSummary(c: SummaryContext) {
    const state = updateState(c.doc);
    const shown = submittedVersion(c.doc) ?? latestVersion(c.doc)!;
    const objectives = objectivesOf(c.data, c.group.id);
    const submittedCount = c.doc.versions.filter((v) => v.kind === 'submitted').length;
    const statusLine =
        state.state === 'submitted'
            ? `Submitted by ${state.by}${state.onBehalf ? ' (the partnership manager, on behalf of the group)' : ''} on ${when(state.at, c.zone)}` +
              (submittedCount > 1 ? `, revision ${submittedCount}` : '') +
              (state.editing ? '. An edit is in progress.' : '.')
            : state.state === 'draft'
              ? `Draft saved by ${state.by} on ${when(state.at, c.zone)}: not submitted yet.`
              : 'Not started.';
    const names = (ids: string[]) => ids.map((id) => c.data.groups.find((g) => g.id === id)?.name ?? id).join(', ');
    const model: ProgressSummaryModel = {
        groupId: c.group.id,
        groupName: c.group.name,
        period: c.period,
        periodLabel: periodLabel(c.period),
        statusLine,
        statusColor: state.state === 'submitted' ? 'Good' : 'Accent',
        sections: shown.sections.map((s) => ({
            ref: s.ref,
            objective: objectives.find((o) => o.ref === s.ref)?.text ?? '',
            suggestion: suggestionLine(c.data, c.group.id, s.ref, c.ragMode ?? 'suggest', c.now, c.zone),
            milestones: milestonesOf(c.data, s.ref, c.group.id).map((m) => ({
                line: `${MILESTONE_STATE_LABELS[m.state]}${m.stateAssumed ? ' (assumed)' : ''}: ${m.description} (${describeMilestoneDate(m)})`,
            })),
            help: [
                ...(shown.help ?? [])
                    .filter((h) => h.ref === s.ref)
                    .map((h) => ({
                        line: `Help needed from ${helpFromText(c.data, h.from, h.fromGroupId)}: ${h.need}`,
                    })),
                ...openHelpRequests(c.data, { groupId: c.group.id, ref: s.ref })
                    .filter((h) => h.period !== c.period)
                    .map((h) => ({
                        line: `Still open from the ${periodLabel(h.period)}: help from ${helpFromText(c.data, h.from, h.fromGroupId)}: ${h.need}`,
                    })),
            ],
            ragLabel: (c.ragMode ?? 'suggest') === 'off' ? '' : RAG_LABEL[s.rag],
            ragColor: RAG_COLOR[s.rag],
            noChangeLabel: s.noChange ? ' · no change since last update' : '',
            text: s.text || '_(nothing written)_',
        })),
        otherMatters: shown.otherMatters,
        concernsLine: shown.concernsGroups.length > 0 ? `Passed on to: ${names(shown.concernsGroups)}` : '',
        canEdit: c.canEdit,
        refreshUserIds: c.refreshUserIds,
    };
    return renderCard('progress-summary', model);
}
