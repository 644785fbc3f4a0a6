/**
 * How many of my notifications are unread, shared by the header's counter and the notifications
 * page (which lowers it as they are marked read). Null until known.
 */
export const unread = $state<{ count: number | null }>({ count: null });
