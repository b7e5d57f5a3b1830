/** One model per card template in `cards/`. The template's `${...}` bindings read these fields. */

export interface HelpCardModel {
    greeting: string;
    roleLine: string;
    capabilities: { title: string; example: string }[];
    notOnRoster: boolean;
    managerLine?: string;
}

export interface CardModels {
    help: HelpCardModel;
}

export type CardName = keyof CardModels;
