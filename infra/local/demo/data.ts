/**
 * Demo data for the local runtime. Everything here is FICTIONAL: the six zone stations follow the
 * source document's layout, but every person, phone number (1380000xxxx for members and station
 * contacts, 1390000xxxx for staff and residents named on topics), e-mail (@example.org), room,
 * venue and topic is made up for demonstration. Room names and topic titles carry "（演示）",
 * member names "演示委员·", other people "演示".
 */

import type { TopicStep } from "../../../functions/domain/topics/steps";
import type { TopicSource } from "../../../functions/domain/topics/vocabulary";
import type { ContactCreate } from "../../../functions/registry/contact-contracts";
import type { MemberCreate, StationCreate } from "../../../functions/registry/contracts";
import type { StepEvidence } from "../../../functions/topics/contracts";

export type AssignmentBasis = "nearby" | "choice" | "topic";

export interface DemoMember {
  /** Local reference inside the seed data; the API assigns the real id. */
  readonly key: string;
  /** The zone the member lives and works in: stations there are "nearby". */
  readonly home: string;
  /** Stations the member serves at (keys), 1–3, mostly in the home zone. */
  readonly stations: readonly string[];
  readonly body: MemberCreate;
}

export interface DemoStation {
  readonly key: string;
  /** The member who leads it (key), sent as `leadMemberId` once the member exists. */
  readonly leadMemberKey?: string;
  /** Directory contacts (keys) it references as its liaison leader and committee, sent as ids. */
  readonly liaisonContactKeys?: { readonly leader?: string; readonly committee?: string };
  readonly body: Omit<StationCreate, "leadMemberId">;
}

export interface DemoContact {
  readonly key: string;
  readonly body: ContactCreate;
}

export interface DemoAssignment {
  readonly stationKey: string;
  readonly memberKey: string;
  readonly basis: AssignmentBasis;
}

/**
 * A user who may sign in (decision 0024): the subject a token would carry, and what they are here.
 * Stations and the member are seed keys, sent as the ids the API gave them.
 */
export interface DemoUser {
  readonly subject: string;
  readonly name: string;
  readonly role: "admin" | "staff" | "member";
  readonly stationKeys?: readonly string[];
  readonly memberKey?: string;
}

/** The six zones (片区) of the source document. */
export const demoZones = ["东山", "营前", "社溪", "寺下", "城市社区", "工业园区"] as const;
type Zone = (typeof demoZones)[number];

const townships: Record<Zone, string> = {
  东山: "东山镇",
  营前: "营前镇",
  社溪: "社溪镇",
  寺下: "寺下镇",
  城市社区: "城区街道",
  工业园区: "工业园区",
};

type Venue = StationCreate["hostVenue"];
type Standards = NonNullable<StationCreate["standards"]>;

/** Fictional numbers; 孙某 has none on record, so the delivery log shows what an unreachable rung looks like. */
const liaisons = {
  li: { leader: "演示·县政协副主席李某", committee: "提案委员会", phone: "13800000201" },
  wang: { leader: "演示·县政协副主席王某", committee: "经济委员会", phone: "13800000202" },
  zhao: { leader: "演示·县政协副主席赵某", committee: "社会和法制委员会", email: "zhao@example.org" },
  qian: { leader: "演示·县政协秘书长钱某", committee: "文化文史和学习委员会", phone: "13800000204" },
  sun: { leader: "演示·县政协常委孙某", committee: "农业农村委员会" },
} as const;

/**
 * The county office's contacts directory (通讯录): a liaison leader with a mobile number, a special
 * committee reached by e-mail, a county-office contact who also wants the daily digest, and a liaison
 * leader with no contact at all (their escalations fail visibly in the delivery log).
 */
export const demoContacts: readonly DemoContact[] = [
  {
    key: "li",
    body: { name: liaisons.li.leader, role: "liaisonLeader", organisation: "县政协", phone: "13800000201" },
  },
  {
    key: "tiwei",
    body: {
      name: "演示·提案委员会",
      role: "specialCommittee",
      organisation: "县政协提案委员会",
      email: "tiwei@example.org",
      channel: "email",
    },
  },
  {
    key: "office",
    body: {
      name: "演示·县政协办公室周某",
      role: "countyOffice",
      organisation: "县政协办公室",
      email: "office@example.org",
      digest: true,
    },
  },
  { key: "sun", body: { name: liaisons.sun.leader, role: "liaisonLeader", organisation: "县政协" } },
];

/** The stations of these liaisons reference the directory instead of only naming them. */
const liaisonContactKeys: Partial<Record<keyof typeof liaisons, DemoStation["liaisonContactKeys"]>> = {
  li: { leader: "li", committee: "tiwei" },
  sun: { leader: "sun" },
};

const allMet: Standards = {
  venue: { met: true },
  signage: { met: true },
  rules: { met: true },
  process: { met: true },
  activities: { met: true },
  results: { met: true },
};

/** The 六有 checklist with the listed items not met (each with a note). */
function missing(items: Partial<Record<keyof Standards, string>>): Standards {
  const standards: Record<string, { met: boolean; note?: string }> = { ...allMet };
  for (const [item, note] of Object.entries(items)) standards[item] = { met: false, note };
  return standards as Standards;
}

const contactSurnames = ["陈", "林", "周", "吴", "郑", "何", "罗", "梁", "宋", "唐", "韩", "冯", "邓"];

/** 1380000xxxx: a clearly fake range. */
const demoPhone = (n: number) => `1380000${String(n).padStart(4, "0")}`;

interface StationExtra {
  readonly status?: "preparing" | "active" | "suspended";
  /** Omitted: the station has not been assessed (every item counts as not met). */
  readonly standards?: Standards;
  /** Give the station a contact person (numbered, for a unique fake phone). */
  readonly contact?: number;
}

type StationRow = readonly [
  key: string,
  zone: Zone,
  kind: "station" | "room",
  name: string,
  venueType: Venue["type"],
  venueName: string,
  leadMemberKey: string,
  liaison: keyof typeof liaisons,
  extra: StationExtra,
];

/** The source document's name for a zone's station. */
const zoneStationName = (name: Zone) => `${name}片区委员工作站`;

// biome-ignore format: one station per line reads best
const stationRows: readonly StationRow[] = [
  ["ds", "东山", "station", zoneStationName("东山"), "civilization-practice-center", "东山镇新时代文明实践所", "m01", "li", { standards: allMet, contact: 1 }],
  ["ds-qingshi", "东山", "room", "青石村委员工作室（演示）", "civilization-practice-center", "青石村新时代文明实践站", "m04", "qian", { standards: missing({ results: "尚未形成成果汇编（演示）" }) }],
  ["ds-guoshu", "东山", "room", "果蔬产业委员工作室（演示）", "industry-association", "东山镇果蔬种植协会（演示）", "m02", "sun", { standards: allMet, contact: 7 }],
  ["ds-weisheng", "东山", "room", "卫生院委员工作室（演示）", "other", "东山镇卫生院（演示）", "m03", "zhao", { standards: missing({ signage: "标识牌制作中（演示）" }) }],
  ["ds-taoling", "东山", "room", "桃岭村委员工作室（演示）", "party-service-center", "桃岭村党群服务站", "m06", "sun", { standards: allMet }],

  ["yq", "营前", "station", zoneStationName("营前"), "party-service-center", "营前镇党群服务中心", "m09", "wang", { standards: allMet, contact: 2 }],
  ["yq-wenlv", "营前", "room", "乡村旅游委员工作室（演示）", "industry-association", "营前镇乡村旅游协会（演示）", "m08", "qian", { standards: allMet, contact: 8 }],
  ["yq-shimen", "营前", "room", "石门村委员工作室（演示）", "governance-center", "石门村综治中心", "m11", "sun", { standards: missing({ rules: "制度未上墙（演示）", process: "流程图待完善（演示）" }) }],
  ["yq-zhongxue", "营前", "room", "营前学校委员工作室（演示）", "other", "营前镇中心学校（演示）", "m10", "qian", { status: "preparing", standards: missing({ activities: "筹建中，尚未开展活动（演示）", results: "筹建中（演示）" }) }],

  ["sx", "社溪", "station", zoneStationName("社溪"), "governance-center", "社溪镇社会治理综合服务中心", "m17", "sun", { standards: allMet, contact: 3 }],
  ["sx-dianshang", "社溪", "room", "农村电商委员工作室（演示）", "industry-association", "社溪镇农村电商协会（演示）", "m14", "wang", { standards: allMet, contact: 9 }],
  ["sx-longtan", "社溪", "room", "龙潭村委员工作室（演示）", "civilization-practice-center", "龙潭村新时代文明实践站", "m15", "li", { standards: allMet }],
  ["sx-yanglao", "社溪", "room", "养老服务委员工作室（演示）", "other", "社溪镇敬老院（演示）", "m16", "zhao", { standards: missing({ venue: "与敬老院共用活动室，待调整（演示）" }) }],

  ["sxia", "寺下", "station", zoneStationName("寺下"), "civilization-practice-center", "寺下镇新时代文明实践所", "m21", "zhao", { standards: allMet, contact: 4 }],
  ["sxia-chaye", "寺下", "room", "茶产业委员工作室（演示）", "industry-association", "寺下镇茶叶产业协会（演示）", "m20", "sun", { standards: allMet, contact: 10 }],
  ["sxia-yunfeng", "寺下", "room", "云峰村委员工作室（演示）", "party-service-center", "云峰村党群服务站", "m24", "qian", { status: "suspended", standards: missing({ activities: "本季度暂停活动（演示）" }) }],
  ["sxia-fawu", "寺下", "room", "法律服务委员工作室（演示）", "governance-center", "寺下镇矛盾纠纷调处中心（演示）", "m22", "zhao", { standards: allMet }],

  ["cs", "城市社区", "station", zoneStationName("城市社区"), "party-service-center", "城区街道党群服务中心", "m30", "li", { standards: allMet, contact: 5 }],
  ["cs-wenchang", "城市社区", "room", "文昌社区委员工作室（演示）", "party-service-center", "文昌社区党群服务中心（演示）", "m26", "li", { standards: allMet, contact: 11 }],
  ["cs-nanmen", "城市社区", "room", "南门社区委员工作室（演示）", "governance-center", "南门社区网格化服务中心（演示）", "m28", "zhao", { standards: missing({ results: "成果待整理（演示）" }) }],
  ["cs-binjiang", "城市社区", "room", "滨江社区委员工作室（演示）", "civilization-practice-center", "滨江社区新时代文明实践站（演示）", "m31", "qian", { standards: allMet }],
  ["cs-wuye", "城市社区", "room", "物业服务委员工作室（演示）", "industry-association", "县物业管理协会（演示）", "m29", "wang", {}],

  ["gy", "工业园区", "station", zoneStationName("工业园区"), "party-service-center", "工业园区党群服务中心", "m36", "wang", { standards: missing({ results: "片区成果汇编编写中（演示）" }), contact: 6 }],
  ["gy-shanghui", "工业园区", "room", "园区商会委员工作室（演示）", "chamber-of-commerce", "工业园区商会（演示）", "m34", "wang", { standards: allMet, contact: 12 }],
  ["gy-dianzi", "工业园区", "room", "演示电子科技公司委员工作室", "other", "演示电子科技有限公司", "m35", "wang", { standards: missing({ signage: "企业内标识待统一（演示）" }) }],
  ["gy-qingqi", "工业园区", "room", "青年企业家委员工作室（演示）", "chamber-of-commerce", "县青年企业家商会（演示）", "m37", "li", { status: "preparing" }],
  ["gy-anquan", "工业园区", "room", "安全生产委员工作室（演示）", "industry-association", "园区安全生产协会（演示）", "m38", "zhao", { standards: allMet }],
];

export const demoStations: readonly DemoStation[] = stationRows.map(
  ([key, zoneName, kind, name, venueType, venueName, leadMemberKey, liaison, extra]) => ({
    key,
    leadMemberKey,
    ...(liaisonContactKeys[liaison] ? { liaisonContactKeys: liaisonContactKeys[liaison] } : {}),
    body: {
      kind,
      name,
      zone: zoneName,
      township: townships[zoneName],
      hostVenue: { type: venueType, name: venueName },
      liaison: liaisons[liaison],
      status: extra.status ?? "active",
      ...(extra.standards === undefined ? {} : { standards: extra.standards }),
      ...(extra.contact === undefined
        ? {}
        : {
            contact: {
              name: `演示联络员·${contactSurnames[extra.contact % contactSurnames.length]}某`,
              phone: demoPhone(100 + extra.contact),
              email: `contact-${key}@example.org`,
            },
          }),
    },
  }),
);

type MemberRow = readonly [
  key: string,
  name: string,
  sector: string,
  profession: string,
  expertise: readonly string[],
  home: Zone,
  stations: readonly string[],
];

// biome-ignore format: one member per line reads best
const memberRows: readonly MemberRow[] = [
  ["m01", "张一", "中共", "镇党委委员", ["乡村治理", "基层党建"], "东山", ["ds", "ds-taoling"]],
  ["m02", "王二", "农业界", "果蔬合作社理事长", ["农业技术", "农村电商", "产业发展"], "东山", ["ds-guoshu", "ds"]],
  ["m03", "李三", "医药卫生界", "乡镇卫生院院长", ["基层医疗", "公共卫生"], "东山", ["ds-weisheng", "ds", "sx-yanglao"]],
  ["m04", "赵四", "民盟", "中学教师", ["义务教育", "留守儿童"], "东山", ["ds-qingshi", "ds"]],
  ["m05", "刘五", "无党派人士", "乡村医生", ["基层医疗", "养老服务"], "东山", ["ds-weisheng", "ds-taoling"]],
  ["m06", "陈六", "社会福利和社会保障界", "民政助理员", ["养老服务", "社会救助"], "东山", ["ds-taoling"]],
  ["m07", "杨七", "经济界", "个体工商户", ["小微企业", "乡村旅游"], "东山", ["ds"]],

  ["m08", "黄八", "文化艺术界", "文化站站长", ["乡村旅游", "非遗保护", "群众文化"], "营前", ["yq-wenlv", "yq"]],
  ["m09", "周九", "中共", "镇机关干部", ["乡村治理", "交通出行"], "营前", ["yq", "yq-shimen"]],
  ["m10", "吴十", "教育界", "小学校长", ["义务教育", "学前教育"], "营前", ["yq-zhongxue", "yq"]],
  ["m11", "徐十一", "农业界", "养殖大户", ["畜牧养殖", "环境保护"], "营前", ["yq-shimen"]],
  ["m12", "孙十二", "民革", "律师", ["法律服务", "矛盾调解"], "营前", ["yq", "sxia-fawu"]],
  ["m13", "马十三", "经济界", "民宿经营者", ["乡村旅游", "农村电商"], "营前", ["yq-wenlv"]],

  ["m14", "朱十四", "工商联", "电商企业负责人", ["农村电商", "物流配送"], "社溪", ["sx-dianshang", "sx"]],
  ["m15", "胡十五", "中共", "村党支部书记", ["基层党建", "乡村治理"], "社溪", ["sx-longtan", "sx"]],
  ["m16", "郭十六", "社会福利和社会保障界", "敬老院院长", ["养老服务", "残疾人服务"], "社溪", ["sx-yanglao", "sx"]],
  ["m17", "何十七", "科技界", "农技推广站站长", ["农业技术", "科技推广"], "社溪", ["sx", "sx-longtan"]],
  ["m18", "林十八", "医药卫生界", "乡村医生", ["基层医疗", "公共卫生"], "社溪", ["sx-yanglao"]],
  ["m19", "罗十九", "民建", "会计师", ["财税服务", "小微企业"], "社溪", ["sx-dianshang", "gy-qingqi"]],

  ["m20", "高二十", "农业界", "茶叶合作社理事长", ["茶叶产业", "农产品品牌"], "寺下", ["sxia-chaye", "sxia"]],
  ["m21", "梁二一", "中共", "镇机关干部", ["乡村治理", "安全生产"], "寺下", ["sxia", "sxia-yunfeng"]],
  ["m22", "宋二二", "无党派人士", "律师", ["法律服务", "矛盾调解", "物业管理"], "寺下", ["sxia-fawu", "sxia", "cs-wuye"]],
  ["m23", "郑二三", "教育界", "中学教师", ["义务教育", "职业教育"], "寺下", ["sxia"]],
  ["m24", "谢二四", "文化艺术界", "山歌传承人", ["非遗保护", "群众文化"], "寺下", ["sxia-yunfeng"]],
  ["m25", "韩二五", "农工党", "中医师", ["中医药", "基层医疗"], "寺下", ["sxia-yunfeng", "sxia-chaye"]],

  ["m26", "唐二六", "中共", "社区党委书记", ["社区治理", "基层党建"], "城市社区", ["cs-wenchang", "cs"]],
  ["m27", "冯二七", "民进", "小学教师", ["义务教育", "课后服务"], "城市社区", ["cs-wenchang"]],
  ["m28", "于二八", "社会福利和社会保障界", "社工机构负责人", ["养老服务", "社区治理"], "城市社区", ["cs-nanmen", "cs"]],
  ["m29", "董二九", "经济界", "物业公司经理", ["物业管理", "老旧小区改造"], "城市社区", ["cs-wuye", "cs"]],
  ["m30", "萧三十", "医药卫生界", "社区卫生服务中心主任", ["基层医疗", "慢病管理"], "城市社区", ["cs", "cs-binjiang"]],
  ["m31", "程三一", "九三学社", "交通工程师", ["交通出行", "城市规划"], "城市社区", ["cs-binjiang", "cs"]],
  ["m32", "曹三二", "文化艺术界", "图书馆馆员", ["全民阅读", "群众文化"], "城市社区", ["cs-binjiang"]],
  ["m33", "袁三三", "民盟", "律师", ["法律服务", "消费维权"], "城市社区", ["cs-nanmen", "cs-wuye"]],

  ["m34", "邓三四", "工商联", "商会会长", ["营商环境", "民营经济"], "工业园区", ["gy-shanghui", "gy"]],
  ["m35", "许三五", "科技界", "企业技术总监", ["科技创新", "人才引进"], "工业园区", ["gy-dianzi", "gy"]],
  ["m36", "傅三六", "经济界", "企业董事长", ["民营经济", "融资服务"], "工业园区", ["gy", "gy-shanghui"]],
  ["m37", "沈三七", "工商联", "青年企业家", ["创业就业", "营商环境"], "工业园区", ["gy-qingqi"]],
  ["m38", "曾三八", "中共", "园区机关干部", ["安全生产", "环境保护"], "工业园区", ["gy-anquan", "gy"]],
  ["m39", "彭三九", "科技界", "环保工程师", ["环境保护", "安全生产"], "工业园区", ["gy-anquan", "gy-dianzi"]],
  ["m40", "吕四十", "社会福利和社会保障界", "人社服务专员", ["劳动保障", "创业就业"], "工业园区", ["gy-qingqi", "gy"]],
];

export const demoMembers: readonly DemoMember[] = memberRows.map(
  ([key, name, sector, profession, expertise, home, stations], index) => {
    const n = index + 1;
    const body: MemberCreate = {
      name: `演示委员·${name}`,
      sector,
      profession,
      expertise: [...expertise],
      phone: demoPhone(n),
      // Every other member has an e-mail; a few prefer it, and two prefer English.
      ...(n % 2 === 0 ? { email: `demo.member${String(n).padStart(2, "0")}@example.org` } : {}),
      preferences: {
        language: n % 20 === 0 ? "en" : "zh-CN",
        channel: n % 4 === 0 ? "email" : "sms",
      },
    };
    return { key, home, stations, body };
  },
);

/**
 * Who serves where, and on what basis: the lead member of a station by choice (自主), other
 * stations in the member's home zone nearby (就近), stations elsewhere for a topic (按议题).
 * Each station's lead comes first, so every station has its lead among its members.
 */
export function demoAssignments(
  members: readonly DemoMember[] = demoMembers,
  stations: readonly DemoStation[] = demoStations,
): DemoAssignment[] {
  const byKey = new Map(stations.map((s) => [s.key, s]));
  const assignments: DemoAssignment[] = [];
  const seen = new Set<string>();
  const add = (assignment: DemoAssignment) => {
    const id = `${assignment.stationKey}/${assignment.memberKey}`;
    if (seen.has(id)) return;
    seen.add(id);
    assignments.push(assignment);
  };
  for (const station of stations) {
    if (station.leadMemberKey)
      add({ stationKey: station.key, memberKey: station.leadMemberKey, basis: "choice" });
  }
  for (const member of members) {
    for (const stationKey of member.stations) {
      const station = byKey.get(stationKey);
      if (!station) throw new Error(`seed data: member ${member.key} names unknown station ${stationKey}`);
      const basis: AssignmentBasis =
        station.leadMemberKey === member.key
          ? "choice"
          : station.body.zone === member.home
            ? "nearby"
            : "topic";
      add({ stationKey, memberKey: member.key, basis });
    }
  }
  return assignments;
}

/** Where the seed leaves a topic: open at a step, closed after feedback, or declined at 确定议题. */
export type DemoTopicStage = TopicStep | "closed" | "declined";

/** A person responsible for a topic or a step: a demo member, or fictional staff with a fake phone. */
export type DemoPerson = { readonly memberKey: string } | { readonly name: string; readonly phone: string };

/** What evidence needs from the seed run: the ids the API gave, and dates near the seed day. */
export interface EvidenceRefs {
  /** The id of a demo member (by key). */
  member(key: string): string;
  /** The ISO date `days` days before the day of seeding (county time). */
  daysAgo(days: number): string;
}

type EvidenceBuilders = { readonly [S in TopicStep]?: (refs: EvidenceRefs) => StepEvidence<S> };

export interface DemoTopic {
  readonly key: string;
  readonly stationKey: string;
  readonly stage: DemoTopicStage;
  readonly title: string;
  readonly description: string;
  readonly source: TopicSource;
  readonly responsible: DemoPerson;
  /** Per-step responsible people, where not `responsible`. */
  readonly responsibles?: Partial<Record<TopicStep, DemoPerson>>;
  /** The evidence of every step the seed completes: each step before `stage`, all six if closed. */
  readonly evidence: EvidenceBuilders;
  /** Why the topic is not adopted (stage "declined"). */
  readonly declineReason?: string;
}

/** 1390000xxxx: the fake range for staff and residents named on demo topics. */
const topicPhone = (n: number) => `1390000${String(n).padStart(4, "0")}`;

/** Fictional staff who answer for a step of a topic. */
const staff = {
  countyOffice: { name: "演示·县政协办公室周某", phone: topicPhone(101) },
  dongshanVillageBuilding: { name: "演示·东山镇村建办吴某", phone: topicPhone(102) },
  shexiCivilAffairs: { name: "演示·社溪镇民政办刘某", phone: topicPhone(103) },
  binjiangGrid: { name: "演示·滨江社区网格员黄某", phone: topicPhone(104) },
} as const;

/**
 * Consultation topics (议题) at every stage of the six-step loop, in every zone, from each kind of
 * source. Evidence names members serving at the topic's station.
 */
export const demoTopics: readonly DemoTopic[] = [
  {
    key: "cs-dianti",
    stationKey: "cs",
    stage: "closed",
    title: "老旧小区加装电梯（演示）",
    description:
      "文昌社区（演示）多栋上世纪90年代建成的六层住宅没有电梯，老年住户上下楼困难。多数居民希望加装电梯，但低层住户担心采光和噪音，费用如何分摊意见不一。",
    source: "resident",
    responsible: { memberKey: "m29" },
    responsibles: { report: staff.countyOffice },
    evidence: {
      collect: () => ({
        summary: "委员值班接待日，文昌社区3栋、5栋居民代表集中反映加装电梯诉求，并递交联名信。",
        raisedBy: [
          { name: "演示居民·刘某（3栋住户代表）", contact: topicPhone(201) },
          { name: "演示居民·陈某（5栋住户代表）", contact: topicPhone(202) },
        ],
      }),
      determine: () => ({
        decision: "adopted",
        format: "meeting",
        reason: "关系老年人出行和邻里关系，群众关切度高，属民生实事，适合召开协商议事会。",
      }),
      research: ({ member, daysAgo }) => ({
        visits: [
          { date: daysAgo(40), place: "文昌社区3栋、5栋（演示）", members: [member("m29"), member("m31")] },
          {
            date: daysAgo(38),
            place: "县住建局加装电梯办公室（演示）",
            members: [member("m29"), member("m30")],
          },
        ],
        findings:
          "12栋六层住宅中8栋具备加装条件；低层住户主要顾虑采光、噪音和房屋价值；现行补贴政策明确，但费用分摊缺少统一参考标准，审批要跑多个部门。",
      }),
      consult: ({ member, daysAgo }) => ({
        meeting: {
          date: daysAgo(30),
          place: "城区街道党群服务中心",
          participants: {
            members: [member("m29"), member("m30"), member("m26"), member("m28")],
            departments: ["县住建局", "县自然资源局", "城区街道办事处"],
            residents: 18,
          },
          consensus:
            "按楼层系数分摊建设费用，一楼住户不出资并获适当补偿；街道牵头制定加装电梯议事规则；住建局牵头简化审批，实行一窗受理。",
        },
      }),
      report: ({ daysAgo }) => ({
        summary: "形成《关于推进老旧小区加装电梯的协商建议》，提出费用分摊、议事规则、审批简化三项建议。",
        sentTo: ["县委办公室", "县政府办公室", "县住建局"],
        sentOn: daysAgo(25),
      }),
      feedback: ({ daysAgo }) => ({
        responses: [
          {
            department: "县住建局",
            response: "已出台加装电梯费用分摊参考办法，设立一窗受理窗口，首批3栋已开工（演示）。",
            respondedOn: daysAgo(8),
          },
          {
            department: "城区街道办事处",
            response: "已在文昌社区推行加装电梯议事规则，组织楼栋协商会5场（演示）。",
            respondedOn: daysAgo(7),
          },
        ],
        feedbackToSource: {
          method: "meeting",
          summary: "召开居民见面会，向反映的住户代表通报办理结果和施工安排。",
          givenOn: daysAgo(5),
        },
      }),
    },
  },
  {
    key: "cs-zhandao",
    stationKey: "cs-nanmen",
    stage: "feedback",
    title: "农贸市场周边占道经营（演示）",
    description:
      "南门社区（演示）居民反映，农贸市场周边早晚流动摊贩占道经营，道路拥堵、垃圾多，希望既保障通行，又给摊贩留出路。",
    source: "resident",
    responsible: { memberKey: "m28" },
    evidence: {
      collect: () => ({
        summary: "网格员巡查发现，居民多次来电反映，工作室汇总后登记。",
        raisedBy: [{ name: "演示居民·邓某", contact: topicPhone(203) }],
      }),
      determine: () => ({
        decision: "adopted",
        format: "visitConsultation",
        reason: "问题集中在一个街区，涉及摊贩生计和居民出行，宜到现场协商。",
      }),
      research: ({ member, daysAgo }) => ({
        visits: [
          {
            date: daysAgo(16),
            place: "南门农贸市场及周边街巷（演示）",
            members: [member("m28"), member("m33")],
          },
        ],
        findings:
          "早晚高峰流动摊点40余处；市场内摊位空置约两成但租金偏高；居民要通行顺畅，摊贩希望有固定经营点。",
      }),
      consult: ({ member, daysAgo }) => ({
        meeting: {
          date: daysAgo(9),
          place: "南门社区网格化服务中心（演示）",
          participants: {
            members: [member("m28"), member("m33")],
            departments: ["县城市管理局", "县市场监管局", "城区街道办事处"],
            residents: ["演示居民代表·邓某", "演示摊贩代表·曾某", "演示商户代表·林某"],
          },
          consensus: "市场内划设便民摊区并减免三个月摊位费；早晚高峰由城管和社区联合劝导；设置限时疏导点。",
        },
      }),
      report: ({ daysAgo }) => ({
        summary: "形成《关于南门农贸市场周边占道经营治理的协商建议》。",
        sentTo: ["城区街道党工委", "县城市管理局"],
        sentOn: daysAgo(6),
      }),
    },
  },
  {
    key: "gy-yonggong",
    stationKey: "gy",
    stage: "report",
    title: "园区企业用工难、留人难（演示）",
    description:
      "园区商会委员反映，电子、纺织类企业普工缺口较大，新员工流失率高，企业希望在招工渠道、职业培训和员工住房上得到支持。",
    source: "member",
    responsible: { memberKey: "m34" },
    responsibles: { report: staff.countyOffice },
    evidence: {
      collect: () => ({
        summary: "商会委员走访园区企业时收集，在片区委员工作站例会上提出。",
        raisedBy: [{ name: "演示委员·邓三四（园区商会）" }],
      }),
      determine: () => ({
        decision: "adopted",
        format: "meeting",
        reason: "事关园区企业发展和群众就业，属党政关注的发展要事，适合召开专题协商会。",
      }),
      research: ({ member, daysAgo }) => ({
        visits: [
          {
            date: daysAgo(20),
            place: "工业园区5家重点企业（演示）",
            members: [member("m34"), member("m40")],
          },
          {
            date: daysAgo(18),
            place: "县人社局、县职业中专（演示）",
            members: [member("m36"), member("m40")],
          },
        ],
        findings:
          "受访企业普工缺口约600人；一年内新员工流失超过四成，主要因薪酬竞争力弱、住房和子女入学不便；职业中专专业设置与企业需求衔接不够。",
      }),
      consult: ({ member, daysAgo }) => ({
        meeting: {
          date: daysAgo(10),
          place: "工业园区党群服务中心",
          participants: {
            members: [member("m34"), member("m36"), member("m35"), member("m40")],
            departments: ["县人社局", "县教育科技局", "工业园区管委会"],
            residents: 6,
          },
          consensus: "建立园区用工信息共享平台，开展订单式培训，建设园区人才公寓，协调员工子女就近入学。",
        },
      }),
    },
  },
  {
    key: "ds-laji",
    stationKey: "ds-taoling",
    stage: "consult",
    title: "农村人居环境整治：生活垃圾收运（演示）",
    description:
      "镇党委将农村人居环境整治列为年度重点工作。桃岭村（演示）垃圾收运点位不足、清运不及时，部分村民仍随意倾倒，需要商量长效管护办法。",
    source: "partyGovernment",
    responsible: { memberKey: "m01" },
    evidence: {
      collect: () => ({
        summary: "镇党委、政府交办的党政要事，列入本年度协商计划。",
        raisedBy: [{ name: "演示·东山镇党政办公室", contact: topicPhone(204) }],
      }),
      determine: () => ({
        decision: "adopted",
        format: "visitConsultation",
        reason: "关系村容村貌和每户村民，需要村民广泛参与，采取走访协商形式。",
      }),
      research: ({ member, daysAgo }) => ({
        visits: [
          {
            date: daysAgo(6),
            place: "桃岭村上屋、下屋村民小组（演示）",
            members: [member("m01"), member("m06")],
          },
          { date: daysAgo(4), place: "东山镇垃圾中转站（演示）", members: [member("m01"), member("m05")] },
        ],
        findings:
          "全村9个村民小组仅有收运点14处，偏远小组每周清运一次；保洁员报酬偏低、队伍不稳定；村民对分类积分兑换积极性较高。",
      }),
    },
  },
  {
    key: "yq-lvyou",
    stationKey: "yq-wenlv",
    stage: "research",
    title: "乡村旅游发展：民宿集群与精品线路（演示）",
    description:
      "营前镇（演示）古村落和山水资源丰富，但民宿规模小、分散经营，缺少串联景点的精品线路，游客停留时间短。委员提出协商推动乡村旅游提质。",
    source: "member",
    responsible: { memberKey: "m08" },
    evidence: {
      collect: () => ({
        summary: "委员在乡村旅游协会座谈时提出。",
        raisedBy: [
          { name: "演示委员·马十三（民宿经营者）" },
          { name: "演示·营前镇乡村旅游协会", contact: topicPhone(205) },
        ],
      }),
      determine: () => ({
        decision: "adopted",
        format: "meeting",
        reason: "符合全县全域旅游发展方向，委员、经营户和村民参与意愿强。",
      }),
    },
  },
  {
    key: "sxia-liuzhuan",
    stationKey: "sxia-fawu",
    stage: "research",
    title: "农村土地流转纠纷调处（演示）",
    description:
      "社情民意信息反映，寺下镇（演示）部分村土地流转合同不规范、租金支付不及时，引发纠纷，希望规范流转程序、加强调解。",
    source: "publicOpinion",
    responsible: { memberKey: "m22" },
    evidence: {
      collect: () => ({
        summary: "法律服务委员工作室接待来访时收集，并汇总近一年矛盾纠纷调处记录。",
        raisedBy: [{ name: "演示村民·黄某", contact: topicPhone(206) }, { name: "演示村民·邱某" }],
      }),
      determine: () => ({
        decision: "adopted",
        format: "visitConsultation",
        reason: "纠纷涉及农户和经营主体双方，宜先分村走访、就地协商。",
      }),
    },
  },
  {
    key: "sx-zhucan",
    stationKey: "sx-yanglao",
    stage: "determine",
    title: "农村留守老人助餐服务（演示）",
    description:
      "社情民意信息反映，社溪镇（演示）部分村留守老人独居，做饭难、吃饭难，希望依托敬老院和村级活动中心开办老年食堂。",
    source: "publicOpinion",
    responsible: staff.shexiCivilAffairs,
    evidence: {
      collect: () => ({
        summary: "社情民意联系点收集的社情民意信息，经工作室整理后提交。",
        raisedBy: [{ name: "演示村民·钟某", contact: topicPhone(207) }],
      }),
    },
  },
  {
    key: "sx-wuliu",
    stationKey: "sx-dianshang",
    stage: "determine",
    title: "农村电商物流“最后一公里”（演示）",
    description:
      "县政府将电商进农村列为民生实事。社溪镇（演示）多数行政村快递不能直达，农产品外销和村民收件都要到镇上，物流成本高。",
    source: "partyGovernment",
    responsible: { memberKey: "m14" },
    evidence: {
      collect: () => ({
        summary: "县商务局在民生实事项目征集中交办。",
        raisedBy: [{ name: "演示·县商务局电商办", contact: topicPhone(208) }],
      }),
    },
  },
  {
    key: "sxia-chaye",
    stationKey: "sxia-chaye",
    stage: "collect",
    title: "茶叶公用品牌整合与线上销售（演示）",
    description:
      "寺下镇（演示）茶叶品牌多而散、规模小，线上销售渠道有限。茶产业委员建议整合区域公用品牌、统一质量标准，发展电商直播销售。",
    source: "member",
    responsible: { memberKey: "m20" },
    evidence: {},
  },
  {
    key: "cs-chongdian",
    stationKey: "cs-binjiang",
    stage: "collect",
    title: "电动自行车充电难、楼道充电隐患（演示）",
    description:
      "滨江社区（演示）居民反映，小区缺少集中充电桩，不少住户把电动自行车推进楼道充电，存在火灾隐患。",
    source: "resident",
    responsible: staff.binjiangGrid,
    evidence: {},
  },
  {
    key: "ds-daolu",
    stationKey: "ds",
    stage: "declined",
    title: "青石村通组道路拓宽（演示）",
    description: "村民反映青石村（演示）至镇区的通组道路路面窄，会车困难，希望拓宽。",
    source: "resident",
    responsible: staff.dongshanVillageBuilding,
    evidence: {
      collect: () => ({
        summary: "委员值班接待时村民反映。",
        raisedBy: [{ name: "演示村民·李某", contact: topicPhone(209) }],
      }),
    },
    declineReason:
      "该路段已列入县交通运输局本年度农村公路提升改造计划，由镇政府直接组织实施，不再另行协商；已转镇村建办跟踪落实，并告知反映人。",
  },
];

/** Sign-in users for the demo: the county office, staff of the 东山 and 工业园区 zone stations, and a member. */
export const demoUsers: readonly DemoUser[] = [
  { subject: "demo-office", name: "县政协办公室（演示）", role: "admin" },
  {
    subject: "demo-staff-ds",
    name: "东山片区工作人员（演示）",
    role: "staff",
    stationKeys: ["ds", "ds-qingshi", "ds-guoshu"],
  },
  {
    subject: "demo-staff-gy",
    name: "工业园区工作人员（演示）",
    role: "staff",
    stationKeys: ["gy", "gy-shanghui"],
  },
  { subject: "demo-member-m01", name: "演示委员·张一", role: "member", memberKey: "m01" },
];
