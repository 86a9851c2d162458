const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZoneName: 'short',
});

/**
 * A time as the control room reads it: UK local time with its zone (`29/10/2028, 01:30:00 BST`), so the
 * hour that repeats when the clocks go back is never ambiguous in a message.
 */
export function ukTime(ms: number): string {
  return fmt.format(new Date(ms)).replace(',', '');
}
