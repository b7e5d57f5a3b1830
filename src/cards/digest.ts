/**
 * The digest card. It must reach the manager whatever the partnership's size, so it is rendered at
 * the most detail that fits under the message limit: first lines of every entry, then fewer lines,
 * then fewer objectives (the rest counted, all of them in the spreadsheet), then theme tallies only.
 */
import { showDate } from '../domain/partialDate.js';
import {
    chairsLine,
    firstLines,
    ragMovement,
    remindersLine,
    reportedLine,
    type Digest,
    type DigestObjective,
    type RoundUpdate,
} from '../domain/digest.js';
import type { Rag } from '../domain/progress.js';

import type { Milestone } from '../domain/model.js';
import { MILESTONE_STATE_LABELS } from '../domain/strategy.js';
import { cardBytes, renderCard, type AdaptiveCardJson } from './render.js';
import type { DigestCardModel } from './models.js';
import { counted } from '../domain/words.js';

/** Teams takes about 100 KB per message; stay well under. */
export const DIGEST_CARD_LIMIT = 75 * 1024;

const RAG_WORD: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', not_rated: 'Not rated' };
const RAG_COLOR: Record<Rag, string> = { green: 'Good', amber: 'Warning', red: 'Attention', not_rated: 'Default' };
const MOVE: Record<string, string> = { improved: ' ↑ improved', worse: ' ↓ worse', same: ' = same', '': '' };

interface Detail {
    /** Most objectives shown with their entries; the rest are counted. */
    maxObjectives: number;
    lines: number;
    chars: number;
    maxMissing: number;
    maxMatters: number;
}

const LEVELS: Detail[] = [
    { maxObjectives: Infinity, lines: 3, chars: 280, maxMissing: 50, maxMatters: 20 },
    { maxObjectives: Infinity, lines: 1, chars: 120, maxMissing: 50, maxMatters: 10 },
    { maxObjectives: 40, lines: 1, chars: 100, maxMissing: 30, maxMatters: 5 },
    { maxObjectives: 12, lines: 1, chars: 80, maxMissing: 15, maxMatters: 3 },
    { maxObjectives: 0, lines: 0, chars: 0, maxMissing: 10, maxMatters: 0 },
];

/** "Milestones: 2 done, 1 on track, 1 slipped". */
function milestoneTally(milestones: readonly Milestone[]): string {
    const counts = new Map<string, number>();
    for (const m of milestones) counts.set(m.state, (counts.get(m.state) ?? 0) + 1);
    return `Milestones: ${[...counts].map(([state, n]) => `${n} ${MILESTONE_STATE_LABELS[state as Milestone['state']].toLowerCase()}`).join(', ')}`;
}

function tally(objectives: DigestObjective[]): string {
    const count = { green: 0, amber: 0, red: 0, not_rated: 0 } as Record<Rag, number>;
    let missing = 0;
    for (const o of objectives) {
        for (const e of o.entries) count[e.rag]++;
        missing += o.missing.length;
    }
    const parts = (['red', 'amber', 'green', 'not_rated'] as Rag[])
        .filter((r) => count[r] > 0)
        .map((r) => `${count[r]} ${RAG_WORD[r].toLowerCase()}`);
    if (missing) parts.push(`${counted(missing, 'group contribution')} not reported`);
    return `${counted(objectives.length, 'objective')}: ${parts.join(', ') || 'nothing reported'}`;
}

/** Where one update of the round stands, in words: "submitted early on 10 Dec 2026", "late, was due 20 Nov 2026". */
export function standing(u: RoundUpdate): string {
    const due = showDate(u.due);
    if (u.state === 'submitted')
        return `submitted${u.early ? ' early' : ''} on ${showDate(u.submittedAt!.slice(0, 10))}${u.closed ? ', closed' : ''}`;
    if (u.closed) return `closed without a submission (was due ${due})`;
    const draft = u.state === 'draft' ? ', draft saved' : '';
    return u.late ? `late, was due ${due}${draft}` : `not yet due: due ${due}${draft}`;
}

/** "December 2026 update: submitted early on 10 Dec 2026". */
export function updateStanding(u: RoundUpdate): string {
    return `${u.periodLabel}: ${standing(u)}`;
}

/** The line under the title: which dates the round keeps to. */
export function roundLine(d: Digest): string {
    if (d.round.kind === 'board')
        return `Papers for the meeting are due ${showDate(d.round.paperDeadline!, { weekday: true })}: the round covers each group's latest update due by then.`;
    if (d.round.kind === 'current') return "Each group's current update: late, open, or already submitted early.";
    return `Each group's latest update due in the six months to the end of ${d.label}.`;
}

export interface DigestLinks {
    /** The spreadsheet. */
    download: string;
    /** The Board paper (.docx). */
    paper: string;
}

function model(
    d: Digest,
    links: DigestLinks,
    level: Detail,
    filters: { theme?: string; groupId?: string },
    canAct: boolean,
): DigestCardModel {
    const themes = [...new Set(d.objectives.map((o) => o.themeName))];
    let shown = 0;
    const omitted = { objectives: 0 };
    const subtitleColor =
        d.expected === 0 ? 'Default' : d.reported === d.expected ? 'Good' : d.reported === 0 ? 'Attention' : 'Warning';
    return {
        title: `Digest: ${d.label.charAt(0).toUpperCase()}${d.label.slice(1)}`,
        subtitle: reportedLine(d.reported, d.expected),
        subtitleColor,
        scopeLine: d.scope.length ? `Showing: ${d.scope.join(', ')}` : '',
        roundLine: roundLine(d),
        period: d.period,
        theme: filters.theme ?? '',
        groupId: filters.groupId ?? '',
        updates: d.updates
            .slice(0, level.maxMissing)
            .map((u) => ({ groupName: u.groupName, detail: updateStanding(u) })),
        missing: d.missing.slice(0, level.maxMissing).map((m) => ({
            groupName: m.groupName,
            detail: `${m.late ? 'late' : 'not yet due'}; ${chairsLine(m.people)}; ${remindersLine(m.reminders)}`,
        })),
        moreMissing: Math.max(0, d.missing.length - level.maxMissing),
        themes: themes.map((name) => {
            const all = d.objectives.filter((o) => o.themeName === name);
            const room = Math.max(0, level.maxObjectives - shown);
            const picked = all.slice(0, room);
            shown += picked.length;
            omitted.objectives += all.length - picked.length;
            return {
                name,
                tally: tally(all),
                objectives: picked.map((o) => ({
                    ref: o.ref,
                    text: firstLines(o.text, 1, 160),
                    entries: o.entries.map((e) => ({
                        line:
                            `**${e.groupName}**: ${RAG_WORD[e.rag]}${MOVE[ragMovement(e.rag, e.previousRag)]}${e.noChange ? ' · no change since last update' : ''}` +
                            (level.lines > 0 ? `  \n${firstLines(e.text, level.lines, level.chars)}` : '') +
                            (level.lines > 0 && e.milestones.length ? `  \n${milestoneTally(e.milestones)}` : ''),
                        color: RAG_COLOR[e.rag],
                    })),
                    missingLine: o.missing.length ? `Not yet reported: ${o.missing.join(', ')}` : '',
                    hasText: o.entries.length > 0,
                })),
            };
        }),
        omittedLine: omitted.objectives
            ? `${counted(omitted.objectives, 'more objective')}: tap "Full text" on any, ask for one theme, or download the spreadsheet for everything.`
            : '',
        gaps: d.gaps.map((g) => ({ line: `**${g.ref}** (${g.themeName}): ${firstLines(g.text, 1, 160)}` })),
        helpRequests: d.helpRequests.slice(0, Math.max(level.maxMatters, 3)).map((h) => ({
            line: `**${h.groupName}**, ${h.ref}, from ${h.from}: ${firstLines(h.need, 2, 200)}`,
        })),
        matters: d.matters.slice(0, level.maxMatters).map((m) => ({
            line: `**${m.groupName}**${m.concerns.length ? ` (for ${m.concerns.join(', ')})` : ''}: ${firstLines(m.text, 2, 200)}`,
        })),
        hasRegister: Boolean(d.register),
        registerLine: d.register ? d.register.headline : '',
        registerTop: d.register?.top.slice(0, 5) ?? [],
        downloadUrl: links.download,
        paperUrl: links.paper,
        canAct,
    };
}

/** The most detailed card that fits under the limit. */
export function createDigestCard(
    d: Digest,
    links: DigestLinks,
    filters: { theme?: string; groupId?: string } = {},
    canAct = true,
): AdaptiveCardJson {
    let card: AdaptiveCardJson | undefined;
    for (const level of LEVELS) {
        card = renderCard('digest', model(d, links, level, filters, canAct));
        if (cardBytes(card) <= DIGEST_CARD_LIMIT) return card;
    }
    return card!;
}

/** One objective with every group's whole text: the "Full text" tap. */
export function createDigestObjectiveCard(d: Digest, ref: string): AdaptiveCardJson | undefined {
    const o = d.objectives.find((x) => x.ref === ref);
    if (!o) return undefined;
    const card = renderCard('digest-objective', {
        ref: o.ref,
        text: o.text,
        label: `${o.themeName}, ${d.label}`,
        entries: o.entries.map((e) => ({
            groupName: e.groupName,
            contribution: e.contribution ? ` (${e.contribution})` : '',
            status: `${RAG_WORD[e.rag]}${MOVE[ragMovement(e.rag, e.previousRag)]}${e.noChange ? ' · no change since last update' : ''} · ${e.submittedBy}${e.onBehalf ? ' for the group' : ''}, ${showDate(e.submittedAt.slice(0, 10))}`,
            color: RAG_COLOR[e.rag],
            text: e.text,
        })),
        missingLine: o.missing.length ? `Not yet reported: ${o.missing.join(', ')}` : '',
    });
    if (cardBytes(card) <= DIGEST_CARD_LIMIT) return card;
    // Many long texts: each cut to what fits, with the spreadsheet holding them whole.
    const per = Math.floor((DIGEST_CARD_LIMIT - 4096) / Math.max(1, o.entries.length) / 1.2);
    return renderCard('digest-objective', {
        ref: o.ref,
        text: o.text,
        label: `${o.themeName}, ${d.label} (long texts shortened: the spreadsheet has them whole)`,
        entries: o.entries.map((e) => ({
            groupName: e.groupName,
            contribution: '',
            status: RAG_WORD[e.rag],
            color: RAG_COLOR[e.rag],
            text: firstLines(e.text, 1000, per),
        })),
        missingLine: o.missing.length ? `Not yet reported: ${o.missing.join(', ')}` : '',
    });
}
