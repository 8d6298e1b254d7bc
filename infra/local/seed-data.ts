/**
 * Demo data for the local runtime. Everything here is FICTIONAL: the six zone stations follow the
 * source document's layout, but every person, phone number (1380000xxxx), e-mail (@example.org),
 * room and venue is made up for demonstration. Room names carry "（演示）", member names "演示委员·".
 */
import type { MemberCreate, StationCreate } from "../../functions/contracts/registry";

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
  readonly body: Omit<StationCreate, "leadMemberId">;
}

export interface DemoAssignment {
  readonly stationKey: string;
  readonly memberKey: string;
  readonly basis: AssignmentBasis;
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

const liaisons = {
  li: { leader: "演示·县政协副主席李某", committee: "提案委员会" },
  wang: { leader: "演示·县政协副主席王某", committee: "经济委员会" },
  zhao: { leader: "演示·县政协副主席赵某", committee: "社会和法制委员会" },
  qian: { leader: "演示·县政协秘书长钱某", committee: "文化文史和学习委员会" },
  sun: { leader: "演示·县政协常委孙某", committee: "农业农村委员会" },
} as const;

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
