/** Kinds of danger; each decides which emergency numbers the reply gives first. */
export const CRISIS_CATEGORIES = ['suicide', 'self_harm', 'violence', 'no_shelter', 'medical', 'child_danger', 'sexual_violence', 'exploitation'] as const;

export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];
