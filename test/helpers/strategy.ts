/** Store data with the strategy's parts: the objectives the papers quote, milestones and a help request. */
import type { StoreData } from '../../src/domain/model.js';
import { sampleData } from './fixtures.js';

export function strategyData(): StoreData {
    const d = sampleData();
    d.objectives.unshift({
        ref: 'HW5',
        theme: 'HW',
        text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
        contributions: [{ groupId: 'asset-management', contribution: 'For social housing' }],
    });
    d.objectives.push({
        ref: 'A8',
        theme: 'A',
        text: 'Challenge the stigma associated with regards to social or affordable housing',
        contributions: [],
    });
    d.milestones.push(
        {
            id: 'asset-management-1',
            ref: 'HW9',
            groupId: 'asset-management',
            description: 'Survey the stock for overheating risk',
            outcomes: 'Homes at risk identified',
            lead: 'Asset managers of the member landlords',
            timescale: 'March 2027',
            target: '2027-03',
            ongoing: false,
            state: 'on_track',
            stateAssumed: false,
            update: '',
            updateLabel: '',
            history: [],
        },
        {
            id: 'asset-management-2',
            ref: 'HW9',
            groupId: 'asset-management',
            description: 'Agree a shared retrofit specification',
            outcomes: '',
            lead: 'Asset Management',
            timescale: 'December 2026',
            target: '2026-12',
            ongoing: false,
            state: 'slipped',
            newTarget: '2027-06',
            stateAssumed: false,
            update: '',
            updateLabel: '',
            history: [],
        },
    );
    d.helpRequests.push({
        id: 'help-1',
        groupId: 'asset-management',
        ref: 'HW9',
        from: 'board',
        need: 'A steer on funding a county-wide overheating study',
        period: '2026-06',
        raisedBy: 'Priya Shah',
        raisedAt: '2026-06-10T10:00:00.000Z',
    });
    return d;
}
