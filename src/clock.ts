/** The time, injected: schedules, digests and reminders are computed against this, never `new Date()`. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
