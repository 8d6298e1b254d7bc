/**
 * A station's group-chat robot (群机器人): the WeCom or DingTalk webhook its notices can be posted
 * to. The webhook's key and the signing secret are credentials: stored, never shown.
 */

export const chatPlatforms = ["wecom", "dingtalk"] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

export interface ChatRobot {
  readonly platform: ChatPlatform;
  readonly webhook: string;
  readonly secret?: string | undefined;
}

/** Each platform's one webhook endpoint, and the query parameter that carries the robot's token. */
const endpoints: Readonly<Record<ChatPlatform, { host: string; path: string; token: string }>> = {
  wecom: { host: "qyapi.weixin.qq.com", path: "/cgi-bin/webhook/send", token: "key" },
  dingtalk: { host: "oapi.dingtalk.com", path: "/robot/send", token: "access_token" },
};

function parsed(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether `webhook` is the platform's robot endpoint: https, its host (no other port), its path,
 * the token in the query, no user info. A host listed in `extraHosts` (host:port, a local receiver
 * for tests and demos) may take any path, over http or https.
 */
export function isChatWebhook(
  platform: ChatPlatform,
  webhook: string,
  extraHosts: readonly string[],
): boolean {
  const url = parsed(webhook);
  if (!url || url.username || url.password) return false;
  if (extraHosts.includes(url.host.toLowerCase()))
    return url.protocol === "http:" || url.protocol === "https:";
  const endpoint = endpoints[platform];
  return (
    url.protocol === "https:" &&
    url.host === endpoint.host &&
    url.pathname === endpoint.path &&
    (url.searchParams.get(endpoint.token) ?? "") !== ""
  );
}

/** `CHAT_WEBHOOK_HOSTS`: comma-separated host:port entries, lower-cased, blanks dropped. */
export function parseWebhookHosts(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== "");
}
