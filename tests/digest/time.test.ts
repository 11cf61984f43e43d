import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalTimeZone, isTimeZone, readDateIn, parseClock, previousDate, zonedInstant, zonedParts } from '../../src/digest/time.ts';

describe('parseClock', () => {
  const table: [string, string | null][] = [
    ['8', '08:00'], ['08:30', '08:30'], ['٨:٣٠', '08:30'], ['٠٧:٠٠', '07:00'], ['۰۷:۱۵', '07:15'], ['20.30', '20:30'],
    ['8 مساءً', '20:00'], ['8 م', '20:00'], ['7:15 ص', '07:15'], ['12 ص', '00:00'], ['12 م', '12:00'], ['9 pm', '21:00'],
    ['24:00', null], ['8:60', null], ['13 م', null], ['غداً', null], ['', null], ['8:5', null],
  ];
  for (const [input, expected] of table) it(`"${input}" → ${expected}`, () => assert.equal(parseClock(input), expected));
});

describe('zonedInstant', () => {
  const table: [string, string, string, string, string][] = [
    ['Riyadh, no daylight saving', '2026-06-01', '08:00', 'Asia/Riyadh', '2026-06-01T05:00:00.000Z'],
    ['London in winter (GMT)', '2026-03-28', '08:00', 'Europe/London', '2026-03-28T08:00:00.000Z'],
    ['London the day clocks go forward (BST)', '2026-03-29', '08:00', 'Europe/London', '2026-03-29T07:00:00.000Z'],
    ['London, a time skipped by the jump maps after it', '2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['London, a time that occurs twice maps to the first', '2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['Cairo in winter (UTC+2)', '2026-01-15', '08:00', 'Africa/Cairo', '2026-01-15T06:00:00.000Z'],
    ['Cairo in summer (UTC+3)', '2026-07-15', '08:00', 'Africa/Cairo', '2026-07-15T05:00:00.000Z'],
    ['Tehran, a half-hour offset', '2026-06-01', '08:00', 'Asia/Tehran', '2026-06-01T04:30:00.000Z'],
  ];
  for (const [name, date, clock, zone, expected] of table) it(name, () => assert.equal(zonedInstant(date, clock, zone).toISOString(), expected));
});

describe('zonedParts and dates', () => {
  it('reads the local date and time in a zone', () => {
    assert.deepEqual(zonedParts(new Date('2026-06-01T20:45:00Z'), 'Asia/Tehran'), { date: '2026-06-02', minutes: 15 });
  });
  it('steps back one calendar day across months and years', () => {
    assert.equal(previousDate('2026-03-01'), '2026-02-28');
    assert.equal(previousDate('2026-01-01'), '2025-12-31');
  });
  it('accepts IANA names only', () => {
    assert.equal(isTimeZone('Africa/Casablanca'), true);
    assert.equal(isTimeZone('America/Argentina/Buenos_Aires'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
    assert.equal(isTimeZone('+03:00'), false);
  });
  const spellings: [string, string | null][] = [
    ['aSiA/rIyAdH', 'Asia/Riyadh'],
    ['africa/cairo', 'Africa/Cairo'],
    ['EUROPE/LONDON', 'Europe/London'],
    ['utc', 'UTC'],
    ['Asia/Riyadh', 'Asia/Riyadh'],
    ['Mars/Olympus', null],
    ['الرياض', null],
  ];
  const headerDates: [string, string, string | null][] = [
    ['2026-06-07T10:00', 'Asia/Riyadh', '2026-06-07T07:00:00.000Z'],
    ['2026-06-07', 'Africa/Cairo', '2026-06-06T21:00:00.000Z'],
    ['2026-01-07 10:00:30', 'Africa/Cairo', '2026-01-07T08:00:30.000Z'],
    ['2026-06-07T10:00:00+01:00', 'Asia/Riyadh', '2026-06-07T09:00:00.000Z'],
    ['Sun, 07 Jun 2026 10:00:00 GMT', 'Asia/Riyadh', '2026-06-07T10:00:00.000Z'],
    ['2026-02-30', 'Asia/Riyadh', null],
    ['2026-06-07T25:00', 'Asia/Riyadh', null],
    ['أمس', 'Asia/Riyadh', null],
  ];
  for (const [text, zone, expected] of headerDates) {
    it(`reads "${text}" in ${zone} as ${expected}`, () => assert.equal(readDateIn(text, zone)?.toISOString() ?? null, expected));
  }
  for (const [typed, canonical] of spellings) {
    it(`spells ${typed} as IANA does: ${canonical}`, () => assert.equal(canonicalTimeZone(typed), canonical));
  }
});
