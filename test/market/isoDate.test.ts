import {
  addDays,
  dayNumberToIso,
  daysBetween,
  firstOfMonth,
  isIsoDate,
  isoToDayNumber,
  mondayOfWeek,
  weekdayIndex,
} from "../../src/market";

describe("ISO calendar arithmetic", () => {
  test("strict real dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2024-04-31")).toBe(false);
    expect(isIsoDate("2024-2-29")).toBe(false);
    expect(isIsoDate("2024-02-29T00:00")).toBe(false);
    expect(isIsoDate(20240229)).toBe(false);
  });

  test("day numbers agree with UTC milliseconds for every day 1600-2400", () => {
    const msPerDay = 86400000;
    for (let d = isoToDayNumber("1600-01-01"); d <= isoToDayNumber("2400-12-31"); d++) {
      const iso = dayNumberToIso(d);
      if (isoToDayNumber(iso) !== d) throw new Error(`round trip failed at ${iso}`);
      // toISOString is UTC, so this reference does not depend on the machine's zone either
      if (new Date(d * msPerDay).toISOString().slice(0, 10) !== iso) throw new Error(`mismatch at ${d}`);
    }
    expect(isoToDayNumber("1970-01-01")).toBe(0);
    expect(dayNumberToIso(-1)).toBe("1969-12-31");
  });

  test("days between, across leap years and month ends", () => {
    expect(daysBetween("2023-12-29", "2024-12-31")).toBe(368);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2025-01-01", "2024-01-01")).toBe(-366);
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  test("weeks begin on Monday; months on the 1st", () => {
    expect(weekdayIndex("2024-01-01")).toBe(0); // Monday
    expect(weekdayIndex("2025-01-01")).toBe(2); // Wednesday
    expect(weekdayIndex("2024-12-29")).toBe(6); // Sunday
    expect(mondayOfWeek("2024-12-29")).toBe("2024-12-23");
    expect(mondayOfWeek("2025-01-02")).toBe("2024-12-30");
    expect(mondayOfWeek("2024-03-04")).toBe("2024-03-04");
    expect(firstOfMonth("2024-02-29")).toBe("2024-02-01");
  });
});
