import { galleryCases } from '../cases.js';

export default galleryCases('late-groups', [
    {
        name: 'two-late',
        note: 'The manager asks which groups are late.',
        data: {
            title: 'Late updates',
            summary: '2 groups are late with their update.',
            groups: [
                {
                    groupName: 'Private Sector Housing',
                    periodLabel: 'September 2026',
                    dueLine: 'Due 18 Sep 2026: 73 days late',
                    chairsLine: 'Chair: Tom Reed (tom.reed@example.com)',
                    stateLine: 'Not started',
                    alsoLine: 'Also owed: December 2026, due 18 Dec 2026',
                },
                {
                    groupName: 'Tenancy Management',
                    periodLabel: 'September 2026',
                    dueLine: 'Due 18 Sep 2026: 73 days late',
                    chairsLine: 'Chair: not recorded. Vice-chair: not recorded.',
                    stateLine: 'Draft saved on 2 Oct 2026',
                    alsoLine: '',
                },
            ],
        },
    },
    {
        name: 'none-late',
        note: 'Nothing is late.',
        data: { title: 'Late updates', summary: 'No group is late with its update.', groups: [] },
    },
]);
