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
        },
    },
]);
