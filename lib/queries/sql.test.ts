import { describe, expect, it } from "vitest";
import { numberPlaceholders } from "./sql";

// The raw SQL of lib/queries is written once with `?`; PostgreSQL needs $1, $2, ... in order.
describe("numberPlaceholders", () => {
  it("numbers every placeholder in order", () => {
    expect(numberPlaceholders("INSERT INTO t (a, b) VALUES (?, CAST(? AS INTEGER)), (?, ?)")).toBe(
      "INSERT INTO t (a, b) VALUES ($1, CAST($2 AS INTEGER)), ($3, $4)",
    );
  });

  it("leaves a ? inside a string literal or a quoted identifier alone", () => {
    expect(numberPlaceholders(`SELECT "we?rd" FROM t WHERE note = 'why?' AND id = ?`)).toBe(`SELECT "we?rd" FROM t WHERE note = 'why?' AND id = $1`);
  });

  it("keeps counting after an escaped quote ('') inside a literal", () => {
    expect(numberPlaceholders("SELECT ? WHERE a = 'it''s ?' AND b = ?")).toBe("SELECT $1 WHERE a = 'it''s ?' AND b = $2");
  });
});
