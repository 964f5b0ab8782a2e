export const CHANNELS = ['email', 'chat', 'phone', 'in_person', 'web', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels where a conversation continues until it ends, rather than one thread per subject. */
export const CONTINUOUS_CHANNELS: readonly Channel[] = ['chat', 'social', 'phone', 'in_person'];
