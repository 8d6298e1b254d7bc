/**
 * A station's group-chat robot (企业微信 or 钉钉 群机器人) and where it may point. Pure rules: the
 * registry checks a robot when an admin sets it, and the chat channel checks it again before each
 * send, so that no stored address can make the sender POST anywhere but the platform (SSRF).
 */

export const chatPlatforms = ["wecom", "dingtalk"] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

/** A station's robot: its webhook, and for DingTalk the 加签 secret (`SEC…`) when it has one. */
export interface ChatRobot {
  readonly platform: ChatPlatform;
  readonly webhook: string;
  readonly secret?: string;
}

interface WebhookShape {
  readonly name: string;
  readonly host: string;
  readonly path: string;
  /** The query parameter that carries the robot's credential, the only one the address may have. */
  readonly tokenParam: string;
}

/** The platforms' own addresses: https, their host, their path, one token in the query. */
export const chatWebhookShapes: Readonly<Record<ChatPlatform, WebhookShape>> = {
  wecom: {
    name: "企业微信 · WeCom",
    host: "qyapi.weixin.qq.com",
    path: "/cgi-bin/webhook/send",
    tokenParam: "key",
  },
  dingtalk: {
    name: "钉钉 · DingTalk",
    host: "oapi.dingtalk.com",
    path: "/robot/send",
    tokenParam: "access_token",
  },
};

const tokenPattern = /^[A-Za-z0-9_-]{8,128}$/;

/** The address as a URL, or undefined when it is not one. */
function parsed(url: string): URL | undefined {
  try {
    return new URL(url.trim());
  } catch {
    return undefined;
  }
}

/** Where the address goes: the platform's host over https, or one of `allowedHosts` (`host:port`, e.g. a local receiver). */
function hostProblem(shape: WebhookShape, url: URL, allowedHosts: readonly string[]): string | undefined {
  if (allowedHosts.includes(url.host)) return undefined;
  if (url.protocol === "https:" && url.host === shape.host) return undefined;
  return `群机器人地址只能是 https://${shape.host}${shape.path}?${shape.tokenParam}=… · a ${shape.name} robot's address must be https://${shape.host}${shape.path}?${shape.tokenParam}=…`;
}

/** The rest of the address: no user info, the platform's path, its one token and nothing else. */
function shapeProblem(shape: WebhookShape, url: URL): string | undefined {
  const params = [...url.searchParams.keys()];
  const token = url.searchParams.get(shape.tokenParam) ?? "";
  if (url.username || url.password || url.hash)
    return "群机器人地址不能带用户名、密码或 # 片段 · the robot's address may not carry a user, a password or a # fragment";
  if (url.pathname !== shape.path)
    return `群机器人地址的路径应为 ${shape.path} · the robot's address must have the path ${shape.path}`;
  if (params.length !== 1 || params[0] !== shape.tokenParam || !tokenPattern.test(token))
    return `群机器人地址应只带一个 ${shape.tokenParam} 参数（复制机器人设置里的完整地址） · the robot's address must carry one ${shape.tokenParam} parameter and nothing else (copy it whole from the robot's settings)`;
  return undefined;
}

/**
 * Why `url` is not an address the sender may post a `platform` robot's messages to, in Chinese and
 * English; undefined when it is. `allowedHosts` are extra `host:port`s from the deployment's settings
 * (a local receiver such as `127.0.0.1:4567`), never from the admin who sets the robot.
 */
export function chatWebhookProblem(
  platform: ChatPlatform,
  url: string,
  allowedHosts: readonly string[] = [],
): string | undefined {
  const shape = chatWebhookShapes[platform];
  const address = parsed(url);
  if (!address || (address.protocol !== "https:" && address.protocol !== "http:"))
    return "群机器人地址不是有效的网址 · the robot's address is not a valid URL";
  return hostProblem(shape, address, allowedHosts) ?? shapeProblem(shape, address);
}

/** A robot's webhook as above, and its secret: DingTalk's 加签 secret starts with SEC; WeCom has none. */
export function chatRobotProblem(robot: ChatRobot, allowedHosts: readonly string[] = []): string | undefined {
  const webhook = chatWebhookProblem(robot.platform, robot.webhook, allowedHosts);
  if (webhook) return webhook;
  if (robot.secret === undefined) return undefined;
  if (robot.platform === "wecom")
    return "企业微信群机器人没有加签密钥，其密钥就在地址的 key 中 · a WeCom robot has no secret: its key is in the address";
  if (!/^SEC[A-Za-z0-9]{8,200}$/.test(robot.secret))
    return "钉钉加签密钥应以 SEC 开头（复制机器人安全设置里的完整密钥） · a DingTalk signing secret starts with SEC (copy it whole from the robot's security settings)";
  return undefined;
}

/**
 * The extra hosts a deployment lets robots' addresses point at, from a setting such as
 * `127.0.0.1:4567, localhost:8080` (empty or unset: none). Throws on anything but `host:port`s.
 */
export function parseChatWebhookHosts(text: string | undefined): readonly string[] {
  const hosts = (text ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  const wrong = hosts.find((host) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(host));
  if (wrong) throw new Error(`chat webhook hosts must be host:port, comma-separated, not "${wrong}"`);
  return hosts;
}

/** The recipient of a station's group-chat notices. */
export const chatRecipientId = (stationId: string) => `chat:${stationId}`;

/** The station a group-chat recipient id names, or undefined when it names none. */
export function stationOfChatRecipient(recipientId: string): string | undefined {
  const stationId = recipientId.startsWith("chat:") ? recipientId.slice("chat:".length) : "";
  return stationId === "" ? undefined : stationId;
}
