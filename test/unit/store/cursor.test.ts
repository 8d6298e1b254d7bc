import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../functions/domain/errors";
import { decodeCursor, encodeCursor } from "../../../functions/kernel/table/cursor";

const gsiKey: Record<string, AttributeValue> = {
  PK: { S: "STATION#01HZX0000000000000000000AA" },
  SK: { S: "META" },
  GSI1PK: { S: "STATIONS" },
  GSI1SK: { S: "STATION#01HZX0000000000000000000AA" },
};
const expected = {
  partitionName: "GSI1PK",
  partitionValue: "STATIONS",
  keyNames: ["PK", "SK", "GSI1PK", "GSI1SK"],
};

const encode = (plain: unknown) => Buffer.from(JSON.stringify(plain), "utf8").toString("base64url");

function rejection(cursor: string, expectation = expected): ValidationError {
  try {
    decodeCursor(cursor, expectation);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

describe("encodeCursor / decodeCursor", () => {
  it("no last key means no cursor (the last page)", () => {
    expect(encodeCursor(undefined)).toBeNull();
  });

  it("no cursor means the first page", () => {
    expect(decodeCursor(undefined, expected)).toBeUndefined();
  });

  it("round-trips a key, Chinese text included", () => {
    const cursor = encodeCursor(gsiKey);
    expect(typeof cursor).toBe("string");
    expect(decodeCursor(cursor ?? "", expected)).toEqual(gsiKey);

    const zoneKey = { ...gsiKey, GSI2PK: { S: "ZONE#工业园区" }, GSI2SK: { S: "STATION#X" } };
    delete (zoneKey as Record<string, unknown>).GSI1PK;
    delete (zoneKey as Record<string, unknown>).GSI1SK;
    const zoneExpected = {
      partitionName: "GSI2PK",
      partitionValue: "ZONE#工业园区",
      keyNames: ["PK", "SK", "GSI2PK", "GSI2SK"],
    };
    expect(decodeCursor(encodeCursor(zoneKey) ?? "", zoneExpected)).toEqual(zoneKey);
  });

  it("is opaque and safe in a URL query string", () => {
    const cursor = encodeCursor({ ...gsiKey, GSI1SK: { S: "STATION#工业园区/?&=+" } }) ?? "";
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("STATION");
  });

  it("does not depend on the order of the key's attributes", () => {
    const reordered = encode({ GSI1SK: "STATION#A", SK: "META", GSI1PK: "STATIONS", PK: "STATION#A" });
    expect(decodeCursor(reordered, expected)).toEqual({
      GSI1SK: { S: "STATION#A" },
      SK: { S: "META" },
      GSI1PK: { S: "STATIONS" },
      PK: { S: "STATION#A" },
    });
  });
});

describe("decodeCursor rejects a tampered cursor", () => {
  it("pointing into another partition (another list)", () => {
    const members = encode({ PK: "MEMBER#A", SK: "META", GSI1PK: "MEMBERS", GSI1SK: "MEMBER#A" });
    const problem = rejection(members).problems[0];
    expect(problem).toEqual({ field: "cursor", code: "invalid_cursor", message: "invalid_cursor" });
  });

  it("from a list in another zone", () => {
    const cursor =
      encodeCursor({
        PK: { S: "STATION#A" },
        SK: { S: "META" },
        GSI2PK: { S: "ZONE#东山" },
        GSI2SK: { S: "STATION#A" },
      }) ?? "";
    rejection(cursor, {
      partitionName: "GSI2PK",
      partitionValue: "ZONE#营前",
      keyNames: ["PK", "SK", "GSI2PK", "GSI2SK"],
    });
  });

  it("with a key attribute missing or added", () => {
    rejection(encode({ PK: "STATION#A", SK: "META", GSI1PK: "STATIONS" }));
    rejection(encode({ PK: "STATION#A", SK: "META", GSI1PK: "STATIONS", GSI1SK: "STATION#A", secret: "x" }));
  });

  it("with a value that is not a string", () => {
    rejection(encode({ PK: "STATION#A", SK: "META", GSI1PK: "STATIONS", GSI1SK: { S: "STATION#A" } }));
    rejection(encode({ PK: "STATION#A", SK: 1, GSI1PK: "STATIONS", GSI1SK: "STATION#A" }));
  });

  it("that is not a JSON object", () => {
    rejection(encode(["PK", "SK", "GSI1PK", "GSI1SK"]));
    rejection(encode(null));
    rejection(encode("STATIONS"));
    rejection("not-a-cursor");
    rejection("%%%");
    rejection("");
  });

  it("that was cut short or had characters flipped", () => {
    const cursor = encodeCursor(gsiKey) ?? "";
    rejection(cursor.slice(0, -6));
    rejection(`x${cursor}`);
  });
});
