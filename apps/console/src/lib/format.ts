const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const hour = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** Unix seconds as the console shows a moment: `30 Nov 2026, 14:05` in the operator's time zone. */
export const formatTime = (seconds: number) => dateTime.format(new Date(seconds * 1000));

/** Unix seconds as a chart's hour: `Mon 14:00`. */
export const formatHour = (seconds: number) => hour.format(new Date(seconds * 1000));

/** Unix seconds as a `<time datetime>` value. */
export const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString();
