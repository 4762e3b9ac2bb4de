/** Waits `ms`; for "nothing happened meanwhile" checks. To wait for something to happen, use `vi.waitFor`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
