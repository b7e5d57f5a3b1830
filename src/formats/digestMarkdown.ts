/** The digest as Markdown, fit to paste into a Board paper. */
import { chairsLine, ragMovement, remindersLine, reportedLine, type Digest } from '../domain/digest.js';
import { describeMilestoneDate, MILESTONE_STATE_LABELS } from '../domain/strategy.js';

const RAG = { green: 'Green', amber: 'Amber', red: 'Red', not_rated: 'Not rated' } as const;
const MOVE = { improved: ' (improved)', worse: ' (worse)', same: ' (unchanged)', '': '' } as const;

/** Markdown special characters in people's text are escaped so the summary renders as written. */
function escape(text: string): string {
    return text.replace(/([\\`*_#|<>[\]])/g, '\\$1');
}

export function digestMarkdown(d: Digest): string {
    const out: string[] = [];
    out.push(`# KHG progress digest: ${d.label}`, '');
    if (d.scope.length) out.push(`_Scope: ${d.scope.join(', ')}_`, '');
    out.push(reportedLine(d.reported, d.expected), '');
    if (d.missing.length) {
        out.push('## Not yet reported', '');
        for (const m of d.missing) {
            out.push(
                `- **${escape(m.groupName)}** (${m.periodLabel}, ${m.late ? 'late, was due' : 'due'} ${m.due}; ${escape(chairsLine(m.people))}): ${escape(remindersLine(m.reminders))}`,
            );
        }
        out.push('');
    }
    let theme = '';
    for (const o of d.objectives) {
        if (o.themeName !== theme) {
            theme = o.themeName;
            out.push(`## ${escape(theme)}`, '');
        }
        out.push(`### ${o.ref}: ${escape(o.text)}`, '');
        for (const e of o.entries) {
            out.push(
                `**${escape(e.groupName)}**${e.contribution ? ` (${escape(e.contribution)})` : ''}: ${RAG[e.rag]}${MOVE[ragMovement(e.rag, e.previousRag)]}${e.noChange ? ', no change since last update' : ''}`,
                '',
            );
            out.push(
                ...escape(e.text)
                    .split(/\r?\n/)
                    .map((l) => (l.trim() ? `> ${l}` : '>')),
                '',
            );
            if (e.milestones.length) {
                out.push('Milestones:', '');
                for (const m of e.milestones)
                    out.push(
                        `- ${MILESTONE_STATE_LABELS[m.state]}${m.stateAssumed ? ' (assumed)' : ''}: ${escape(m.description)} (${escape(describeMilestoneDate(m))})`,
                    );
                out.push('');
            }
        }
        if (o.missing.length) out.push(`_Not yet reported: ${o.missing.map(escape).join(', ')}_`, '');
    }
    if (d.gaps.length) {
        out.push('## Objectives no group has taken on', '');
        for (const g of d.gaps) out.push(`- **${g.ref}** (${escape(g.themeName)}): ${escape(g.text)}`);
        out.push('');
    }
    if (d.helpRequests.length) {
        out.push('## Help requested by the groups', '');
        for (const h of d.helpRequests)
            out.push(
                `- **${escape(h.groupName)}**, ${h.ref}, from ${escape(h.from)}: ${escape(h.need).replace(/\r?\n+/g, ' ')} (raised in ${h.period})`,
            );
        out.push('');
    }
    if (d.matters.length) {
        out.push('## Cross sub-group matters', '');
        for (const m of d.matters)
            out.push(
                `- **${escape(m.groupName)}**${m.concerns.length ? ` (for ${m.concerns.map(escape).join(', ')})` : ''}: ${escape(m.text).replace(/\r?\n+/g, ' ')}`,
            );
        out.push('');
    }
    if (d.register) {
        const r = d.register;
        out.push('## Protocols and guides', '');
        out.push(escape(r.headline), '');
        for (const t of r.top) out.push(`- ${escape(t.title)}: ${escape(t.state)} (${escape(t.why)})`);
        out.push('');
    }
    return out.join('\n');
}
