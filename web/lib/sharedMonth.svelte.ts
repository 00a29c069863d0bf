/**
 * The month a reader last pointed at in any chart (month index, 0 = month 1), shared with the
 * engineers view's scrubber: hovering a month in a chart moves the engineers to that month.
 */
export const pointedMonth = $state<{ month: number | undefined }>({ month: undefined });
