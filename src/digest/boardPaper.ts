/**
 * The Board paper: the digest of a round as a Word document, laid out as the partnership's Board papers
 * are (seed 002): the round and its dates; how many groups have reported; RAG by theme as a chart;
 * progress on each objective grouped by theme, with each group's text in full, its RAG and
 * milestones; cross sub-group matters; the groups not reported, with the reminders tried and what
 * they came to; and the register's summary.
 *
 * The paper is a list of sections, each a function from the digest (and the chart) to paragraphs and
 * tables: a new section is one more function in `BOARD_PAPER_SECTIONS`, or passed in `extraSections`.
 */
import { showDate } from '../domain/partialDate.js';
import {
    AlignmentType,
    Document,
    HeadingLevel,
    ImageRun,
    Packer,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
} from 'docx';
import {
    chairsLine,
    ragMovement,
    reminderLines,
    remindersLine,
    reportedLine,
    type Digest,
    type DigestEntry,
} from '../domain/digest.js';
import type { Rag } from '../domain/progress.js';

import { describeMilestoneDate, MILESTONE_STATE_LABELS } from '../domain/strategy.js';
import { ragByTheme, ragChartAltText, renderRagChart, type ThemeTally } from './ragChart.js';
import { counted } from '../domain/words.js';

/** What every section is given. */
export interface PaperContext {
    digest: Digest;
    tallies: ThemeTally[];
    chart: { png: Buffer; width: number; height: number; altText: string };
}

export type PaperBlock = Paragraph | Table;

/** One section of the paper: its blocks, or none to leave it out. */
export type PaperSection = (ctx: PaperContext) => PaperBlock[];

const RAG_WORD: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', not_rated: 'Not rated' };
const MOVE: Record<string, string> = { improved: ', improved', worse: ', worse', same: ', unchanged', '': '' };

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
    new Paragraph({ text, heading: level });
const para = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ children: [new TextRun({ text, ...options })] });

/** A long text as it was written: one paragraph per line, blank lines kept as spacing. */
function fullText(text: string): Paragraph[] {
    return text.split(/\r?\n/).map((line) => new Paragraph({ children: [new TextRun(line.replace(/\t/g, '    '))] }));
}

function table(header: string[], rows: string[][], widths: number[]): Table {
    const cell = (text: string, bold = false, width = 0) =>
        new TableCell({
            width: { size: width, type: WidthType.PERCENTAGE },
            // eslint-disable-next-line @typescript-eslint/no-deprecated -- TextRun takes options or a string, so the checker mistakes the `bold` option for the deprecated String.prototype.bold
            children: text.split('\n').map((l) => new Paragraph({ children: [new TextRun({ text: l, bold })] })),
        });
    return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
            new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, widths[i])) }),
            ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, widths[i])) })),
        ],
    });
}

/** The title block: the round, its dates, and when the paper was made. */
export const titleSection: PaperSection = ({ digest: d }) => {
    const round = d.round;
    const lines = [
        new Paragraph({ text: 'Kent Housing Group Board', heading: HeadingLevel.TITLE }),
        para('Delivering the Kent and Medway Housing Strategy 2020-25: progress reported by the sub-groups', {
            bold: true,
        }),
        para(`Round: ${d.label}`),
    ];
    if (round.kind === 'board')
        lines.push(
            para(
                `Meeting: ${showDate(round.meeting!, { weekday: true })}. Papers due: ${showDate(round.paperDeadline!, { weekday: true })}.`,
            ),
        );
    lines.push(
        para(
            `Prepared ${showDate(d.generatedAt.slice(0, 10), { weekday: true })} from the updates held by the partnership bot.`,
        ),
    );
    if (d.scope.length) lines.push(para(`Scope: ${d.scope.join(', ')}`, { italics: true }));
    return lines;
};

/** How many groups reported, and where the rest stand. */
export const summarySection: PaperSection = ({ digest: d }) => {
    const late = d.updates.filter((u) => u.late).length;
    const early = d.updates.filter((u) => u.early).length;
    const notDue = d.updates.filter((u) => u.state !== 'submitted' && !u.late && !u.closed).length;
    const objectives = d.objectives.length;
    return [
        heading('Summary'),
        para(reportedLine(d.reported, d.expected)),
        para(
            `${late} late, ${notDue} not yet due, ${early} submitted early. ${counted(objectives, 'objective')} reported on.`,
        ),
    ];
};

/** RAG by theme: the chart, its alt text, and the same numbers as a table. */
export const ragSection: PaperSection = ({ tallies, chart }) => {
    const width = 560;
    const height = Math.round((chart.height / chart.width) * width);
    return [
        heading('RAG by theme'),
        new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
                new ImageRun({
                    type: 'png',
                    data: chart.png,
                    transformation: { width, height },
                    altText: { name: 'RAG by theme', title: 'RAG by theme', description: chart.altText },
                }),
            ],
        }),
        table(
            ['Theme', 'Red', 'Amber', 'Green', 'Not rated', 'Not reported'],
            tallies.map((t) => [
                t.theme,
                String(t.counts.red),
                String(t.counts.amber),
                String(t.counts.green),
                String(t.counts.not_rated),
                String(t.notReported),
            ]),
            [30, 12, 12, 12, 14, 20],
        ),
    ];
};

function entryBlocks(e: DigestEntry): PaperBlock[] {
    const status = `${RAG_WORD[e.rag]}${MOVE[ragMovement(e.rag, e.previousRag)]}${e.noChange ? '; no change since last update' : ''}`;
    const who = `${e.submittedBy}${e.onBehalf ? ' for the group' : ''}, ${showDate(e.submittedAt.slice(0, 10), { weekday: true })}`;
    const blocks: PaperBlock[] = [
        new Paragraph({
            children: [
                // eslint-disable-next-line @typescript-eslint/no-deprecated -- TextRun takes options or a string, so the checker mistakes the `bold` option for the deprecated String.prototype.bold
                new TextRun({ text: e.groupName, bold: true }),
                new TextRun(e.contribution ? ` (${e.contribution})` : ''),
                new TextRun(`: RAG ${status}. Submitted by ${who}.`),
            ],
        }),
        ...fullText(e.text),
    ];
    if (e.milestones.length)
        blocks.push(
            para('Milestones', { bold: true }),
            ...e.milestones.map(
                (m) =>
                    new Paragraph({
                        bullet: { level: 0 },
                        text: `${MILESTONE_STATE_LABELS[m.state]}${m.stateAssumed ? ' (assumed from the update’s wording)' : ''}: ${m.description} (${describeMilestoneDate(m)})${m.lead ? `; lead: ${m.lead}` : ''}`,
                    }),
            ),
        );
    else blocks.push(para('Milestones: none recorded.', { italics: true }));
    return blocks;
}

/** Progress on each objective, grouped by theme, each group's text in full. */
export const progressSection: PaperSection = ({ digest: d }) => {
    const blocks: PaperBlock[] = [heading('Progress by objective')];
    if (d.objectives.length === 0) blocks.push(para('No objective is reported on in this round.'));
    let theme = '';
    for (const o of d.objectives) {
        if (o.themeName !== theme) {
            theme = o.themeName;
            blocks.push(heading(theme, HeadingLevel.HEADING_2));
        }
        blocks.push(heading(`${o.ref}: ${o.text}`, HeadingLevel.HEADING_3));
        for (const e of o.entries) blocks.push(...entryBlocks(e));
        if (o.missing.length) blocks.push(para(`Not yet reported: ${o.missing.join(', ')}.`, { italics: true }));
    }
    return blocks;
};

/** Other important matters, including cross sub-group working, in full. */
export const mattersSection: PaperSection = ({ digest: d }) => [
    heading('Cross sub-group matters'),
    ...(d.matters.length === 0
        ? [para('No group raised other matters in this round.')]
        : d.matters.flatMap((m) => [
              new Paragraph({
                  children: [
                      // eslint-disable-next-line @typescript-eslint/no-deprecated -- TextRun takes options or a string, so the checker mistakes the `bold` option for the deprecated String.prototype.bold
                      new TextRun({ text: m.groupName, bold: true }),
                      new TextRun(
                          `${m.concerns.length ? ` (for ${m.concerns.join(', ')})` : ''}, from ${m.submittedBy}:`,
                      ),
                  ],
              }),
              ...fullText(m.text),
          ])),
];

/** Help the groups asked for, and the objectives no group has taken on. */
export const strategySection: PaperSection = ({ digest: d }) => {
    const blocks: PaperBlock[] = [];
    if (d.helpRequests.length)
        blocks.push(
            heading('Help needed'),
            ...d.helpRequests.map(
                (h) =>
                    new Paragraph({
                        bullet: { level: 0 },
                        text: `${h.groupName} on ${h.ref}, from ${h.from}: ${h.need} (raised by ${h.raisedBy}, ${h.period})`,
                    }),
            ),
        );
    if (d.gaps.length)
        blocks.push(
            heading('Objectives no group has taken on'),
            ...d.gaps.map((g) => new Paragraph({ bullet: { level: 0 }, text: `${g.ref} (${g.themeName}): ${g.text}` })),
        );
    return blocks;
};

/** The groups that have not reported, with the reminders tried and what they came to. */
export const missingSection: PaperSection = ({ digest: d }) => [
    heading('Groups not reported'),
    ...(d.missing.length === 0
        ? [para('Every group in this round has reported.')]
        : [
              table(
                  ['Group', 'Update', 'Chair and vice-chair', 'Reminders tried'],
                  d.missing.map((m) => [
                      m.groupName,
                      `${m.periodLabel}\n${m.late ? 'late: was due' : 'due'} ${showDate(m.due, { weekday: true })}`,
                      chairsLine(m.people),
                      [remindersLine(m.reminders), ...reminderLines(m.reminders)].join('\n'),
                  ]),
                  [22, 22, 22, 34],
              ),
          ]),
];

/** The protocol register's state: counts and the first few to review. */
export const registerSection: PaperSection = ({ digest: d }) => {
    const r = d.register;
    if (!r) return [];
    return [
        heading('Protocols and guides'),
        para(r.headline),
        ...r.top.map((t) => new Paragraph({ text: `${t.title}: ${t.state} (${t.why})`, bullet: { level: 0 } })),
    ];
};

/** The paper's sections, in order. */
export const BOARD_PAPER_SECTIONS: readonly PaperSection[] = [
    titleSection,
    summarySection,
    ragSection,
    progressSection,
    mattersSection,
    strategySection,
    missingSection,
    registerSection,
];

/** The Board paper as a .docx file. `extraSections` are added after the standard ones. */
export async function createBoardPaper(d: Digest, extraSections: readonly PaperSection[] = []): Promise<Buffer> {
    const tallies = ragByTheme(d);
    const chart = { ...(await renderRagChart(tallies)), altText: ragChartAltText(tallies) };
    const ctx: PaperContext = { digest: d, tallies, chart };
    const doc = new Document({
        creator: 'KHG Partnership Bot',
        title: `KHG Board paper: ${d.label}`,
        description: 'Progress on the Kent and Medway Housing Strategy 2020-25, from the sub-groups’ updates',
        sections: [{ children: [...BOARD_PAPER_SECTIONS, ...extraSections].flatMap((s) => s(ctx)) }],
    });
    return Packer.toBuffer(doc);
}
