import { galleryCases } from '../cases.js';

export default galleryCases('objectives-round-start', [
    {
        name: 'started',
        note: 'The manager starts a round of confirming objectives.',
        data: {
            summary: 'Asked 4 chairs to confirm their groups’ objectives.',
            asks: [
                { line: 'Asset Management: Priya Shah' },
                { line: 'Kent Housing Options Group: Priya Shah' },
                { line: 'Private Sector Housing: Tom Reed' },
            ],
            skippedLine: 'Tenancy Management has no chair on the roster, so it was not asked.',
            started: true,
            plan: '',
        },
    },
    {
        name: 'preview',
        note: 'The manager asks to start a round: who will be asked, before anything is sent.',
        data: {
            summary:
                'This sends one card to each of 3 chairs, listing their group’s objectives and contributions. Unanswered cards are chased once.',
            asks: [
                { line: 'Asset Management: Priya Shah (2 objectives)' },
                { line: 'Kent Housing Options Group: Priya Shah (4 objectives)' },
                { line: 'Private Sector Housing: Tom Reed (1 objective)' },
            ],
            skippedLine: 'Not asked (no chair or vice-chair on the roster): Tenancy Management.',
            started: false,
            plan: '[["asset-management","priya.shah@example.com",["HW5","HW9"]]]',
        },
    },
]);
