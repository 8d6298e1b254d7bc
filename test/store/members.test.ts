import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError } from "../../functions/domain/errors";
import { assignMember } from "../../functions/registry/store/assignments";
import {
  createMember,
  findMember,
  getMember,
  getMembers,
  listMembers,
  updateMember,
} from "../../functions/registry/store/members";
import { createStation } from "../../functions/registry/store/stations";
import {
  allPages,
  memberInput,
  newPhone,
  rejectionOf,
  stationInput,
  unique,
  useFreshTable,
} from "./fixtures";

beforeAll(async () => {
  await useFreshTable("store-members");
});

const sectorIds = async (sector: string) =>
  (await allPages((cursor) => listMembers({ sector }, { limit: 10, cursor }))).items.map((m) => m.id);

describe("createMember", () => {
  it("registers a member with normalized expertise, default preferences and no stations yet", async () => {
    const input = memberInput({
      expertise: [" 养老服务 ", "法律", "", "养老服务"],
      email: "zhang@example.cn",
    });
    const member = await createMember(input, new Date("2024-05-04T08:00:00Z"));
    expect(member.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(member).toMatchObject({
      name: input.name,
      sector: input.sector,
      phone: input.phone,
      email: "zhang@example.cn",
      expertise: ["养老服务", "法律"],
      preferences: { language: "zh-CN", channel: "sms" },
      stationCount: 0,
      version: 1,
      createdAt: "2024-05-04T08:00:00.000Z",
    });
    expect(await getMember(member.id)).toEqual(member);
  });

  it("keeps the preferences given", async () => {
    const member = await createMember(memberInput({ preferences: { language: "en", channel: "email" } }));
    expect((await getMember(member.id)).preferences).toEqual({ language: "en", channel: "email" });
  });

  it("refuses a second member with the same mobile number (409 on phone), storing nothing", async () => {
    const sector = unique("教育界");
    const first = await createMember(memberInput({ sector }));
    const error = await rejectionOf(createMember(memberInput({ sector, phone: first.phone, name: "李四" })));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      reason: "already_exists",
      problems: [{ field: "phone", code: "phone_taken" }],
    });
    expect(await sectorIds(sector)).toEqual([first.id]);
  });
});

describe("reading members", () => {
  it("an unknown id is not found", async () => {
    expect(await findMember("01HZZZZZZZZZZZZZZZZZZZZZZZ")).toBeUndefined();
    const error = await rejectionOf(getMember("01HZZZZZZZZZZZZZZZZZZZZZZZ"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ resource: "member" });
  });

  it("getMembers returns those that exist, once each, in the order asked", async () => {
    const a = await createMember(memberInput());
    const b = await createMember(memberInput());
    expect((await getMembers([b.id, a.id, "01HZZZZZZZZZZZZZZZZZZZZZZZ", b.id])).map((m) => m.id)).toEqual([
      b.id,
      a.id,
    ]);
  });
});

describe("updateMember", () => {
  it("applies a patch at the expected version", async () => {
    const member = await createMember(memberInput({ email: "old@example.cn" }));
    const updated = await updateMember(
      member.id,
      {
        profession: "医生",
        expertise: ["医疗", " 医疗 ", "卫生"],
        email: null,
        preferences: { channel: "email" },
      },
      1,
    );
    expect(updated).toMatchObject({
      version: 2,
      profession: "医生",
      expertise: ["医疗", "卫生"],
      preferences: { language: "zh-CN", channel: "email" },
    });
    expect(updated.email).toBeUndefined();
    const stored = await getMember(member.id);
    expect(stored).toMatchObject({ version: 2, profession: "医生", expertise: ["医疗", "卫生"] });
    expect(stored.email).toBeUndefined();
  });

  it("answers 409 with the current version when the expected one is stale, changing nothing", async () => {
    const member = await createMember(memberInput());
    await updateMember(member.id, { profession: "教师" }, 1);
    const error = await rejectionOf(updateMember(member.id, { profession: "会计" }, 1));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "version_mismatch", currentVersion: 2 });
    expect(await getMember(member.id)).toMatchObject({ version: 2, profession: "教师" });
  });

  it("an unknown member is not found", async () => {
    await expect(
      updateMember("01HZZZZZZZZZZZZZZZZZZZZZZZ", { name: "王五" }, undefined),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("changing the mobile number frees the old one and takes the new one", async () => {
    const member = await createMember(memberInput());
    const oldPhone = member.phone;
    const newNumber = newPhone();
    await updateMember(member.id, { phone: newNumber }, 1);
    expect((await getMember(member.id)).phone).toBe(newNumber);
    await expect(createMember(memberInput({ phone: oldPhone }))).resolves.toMatchObject({ phone: oldPhone });
    await expect(createMember(memberInput({ phone: newNumber }))).rejects.toMatchObject({
      reason: "already_exists",
    });
  });

  it("taking another member's mobile number is a conflict on phone, and nothing changes", async () => {
    const other = await createMember(memberInput());
    const member = await createMember(memberInput());
    const error = await rejectionOf(updateMember(member.id, { phone: other.phone, profession: "工程师" }, 1));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: "already_exists", problems: [{ field: "phone" }] });
    expect(await getMember(member.id)).toEqual(member);
    // The member still holds their own number.
    await expect(createMember(memberInput({ phone: member.phone }))).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps the station count that assignments maintain", async () => {
    const member = await createMember(memberInput());
    await assignMember((await createStation(stationInput())).id, member.id, "nearby");
    await assignMember((await createStation(stationInput())).id, member.id, "choice");
    await updateMember(member.id, { name: "张三丰" }, 1);
    expect(await getMember(member.id)).toMatchObject({ name: "张三丰", stationCount: 2, version: 2 });
  });
});

describe("members by sector (GSI2)", () => {
  it("lists only the sector's members and follows a change of sector", async () => {
    const economy = unique("经济界");
    const medicine = unique("医药卫生界");
    const a = await createMember(memberInput({ sector: economy }));
    const b = await createMember(memberInput({ sector: economy }));
    const c = await createMember(memberInput({ sector: medicine }));
    expect(await sectorIds(economy)).toEqual([a.id, b.id]);
    expect(await sectorIds(medicine)).toEqual([c.id]);

    await updateMember(a.id, { sector: medicine }, 1);
    expect(await sectorIds(economy)).toEqual([b.id]);
    expect(await sectorIds(medicine)).toEqual([a.id, c.id]);
    const listed = (await listMembers({ sector: medicine }, { limit: 10, cursor: undefined })).items;
    expect(listed.find((m) => m.id === a.id)).toMatchObject({ sector: medicine, version: 2 });
  });
});
