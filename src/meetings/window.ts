/** The calendar day (YYYY-MM-DD) of an instant in a time zone: due dates are days in the department's zone. */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
