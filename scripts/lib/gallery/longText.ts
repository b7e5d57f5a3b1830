/** Progress text as the action plans write it: several paragraphs with figures (seeds 001, 004). */
export const LONG_PROGRESS =
    'The retrofit programme surveyed 1,240 homes across the district this period, and 312 have had external wall ' +
    'insulation, loft top-ups or new heating controls fitted. The wave 3 bid to the Social Housing Decarbonisation Fund ' +
    'was submitted in October with three partner associations; the outcome is expected in February.\n\n' +
    'Damp and mould: every report is now triaged within two working days, and the backlog of 86 cases from the summer ' +
    'is down to 14. We are piloting humidity sensors in 40 homes with the highest repeat reports.\n\n' +
    'Risks: contractor capacity in East Kent remains the main constraint, and the cost of air source heat pumps has ' +
    'risen by about 12% since the spring.';

export const SHORT_PROGRESS = 'On-going.';
