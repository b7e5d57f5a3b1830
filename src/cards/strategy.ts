/** The objective card and the objective matrix card, from the strategy's views. */
import { showDate } from '../domain/partialDate.js';
import type { StoreData } from '../domain/model.js';
import { periodLabel } from '../domain/schedule.js';
import {
    describeMilestoneDate,
    MILESTONE_STATE_LABELS,
    RAG_LABELS,
    type ObjectiveMatrix,
    type ObjectiveView,
    type RagMode,
    helpFromText,
} from '../domain/strategy.js';
import type { Rag } from '../domain/progress.js';
import { renderCard } from './render.js';
import { counted } from '../domain/words.js';

export const RAG_COLORS: Record<Rag, string> = {
    green: 'Good',
    amber: 'Warning',
    red: 'Attention',
    not_rated: 'Default',
};

const day = (iso: string, zone: string) => showDate(iso, { zone });

export function createObjectiveCard(data: StoreData, view: ObjectiveView, ragMode: RagMode, zone: string) {
    const n = view.contributions.length;
    return renderCard('objective', {
        ref: view.ref,
        text: view.text,
        themeLine: `${view.themeName} theme · ${n === 0 ? 'no group contributing' : `${counted(n, 'group')} contributing`}`,
        gap: view.gap,
        contributions: view.contributions.map((c) => {
            const rated = ragMode !== 'off' && c.latest && c.latest.rag !== 'not_rated';
            return {
                groupName: c.groupName,
                contributionLine: c.contribution ? `: ${c.contribution}` : '',
                ragLabel: rated ? RAG_LABELS[c.latest!.rag] : '',
                ragColor: rated ? RAG_COLORS[c.latest!.rag] : 'Default',
                reportLine: c.latest
                    ? `${periodLabel(c.latest.period)}, submitted by ${c.latest.submittedBy} on ${day(c.latest.submittedAt, zone)}` +
                      (c.latest.noChange ? ' (no change since the update before)' : '')
                    : 'Nothing reported on this objective yet.',
                reportText: c.latest?.text ?? '',
                milestones: c.milestones.map((m) => ({
                    state: MILESTONE_STATE_LABELS[m.state] + (m.stateAssumed ? ' (assumed)' : ''),
                    line: `${m.description} (${describeMilestoneDate(m)}${m.lead ? `; lead: ${m.lead}` : ''})`,
                })),
                help: c.openHelp.map((h) => ({
                    line: `from ${helpFromText(data, h.from, h.fromGroupId)}: ${h.need} (raised ${periodLabel(h.period)})`,
                })),
            };
        }),
        footnote: view.contributions.some((c) => c.milestones.some((m) => m.stateAssumed))
            ? '"Assumed": the state was read from an action plan\'s wording, not stated by the group\'s chair.'
            : '',
    });
}

export function createObjectiveMatrixCard(data: StoreData, matrix: ObjectiveMatrix, downloadUrl = '') {
    const themes = data.themes
        .map((t) => ({
            name: `${t.name} (${t.code})`,
            rows: matrix.rows
                .filter((r) => r.theme === t.code)
                .map((r) => ({
                    ref: r.ref,
                    text: r.text,
                    gap: r.gap,
                    groups: [
                        ...matrix.groups.flatMap((g, i) =>
                            r.cells[i] === undefined ? [] : [`${g.name}${r.cells[i] ? ` (${r.cells[i]})` : ''}`],
                        ),
                        ...r.others.map((o) => `${o.groupName}${o.contribution ? ` (${o.contribution})` : ''}`),
                    ].join('; '),
                })),
        }))
        .filter((t) => t.rows.length > 0);
    const total = matrix.rows.length;
    return renderCard('objective-matrix', {
        summary:
            `${counted(total, 'objective')} recorded; ` +
            (matrix.gaps === 0
                ? 'every one has at least one group contributing.'
                : `${matrix.gaps} with no group contributing (shown as gaps).`),
        themes,
        downloadUrl,
    });
}
