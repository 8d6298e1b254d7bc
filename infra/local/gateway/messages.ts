/**
 * The gateway's own error messages, in the API's languages: Simplified Chinese unless the request's
 * Accept-Language prefers English (the functions answer in the same way).
 */
type Language = "zh-CN" | "en";

const messages = {
  bad_request: {
    "zh-CN": "请求格式有误（路径或请求行无法解析）",
    en: "The request is malformed (its path or request line cannot be read)",
  },
  headers_too_large: {
    "zh-CN": "请求头过大",
    en: "The request headers are too large",
  },
  payload_too_large: {
    "zh-CN": "请求体过大，上限为 {limit} 字节",
    en: "The request body is larger than {limit} bytes",
  },
  not_found: {
    "zh-CN": "没有这个接口：{method} {path}",
    en: "No route for {method} {path}",
  },
  method_not_allowed: {
    "zh-CN": "接口 {path} 不支持 {method}，可用：{allowed}",
    en: "No route for {method} {path}; it accepts {allowed}",
  },
} as const;

export type GatewayMessage = keyof typeof messages;

/** English only when the client ranks it above Chinese; otherwise the county's default, Chinese. */
export function gatewayLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((entry) => entry.tag.startsWith("zh") || entry.tag.startsWith("en"));
  return first?.tag.startsWith("en") ? "en" : "zh-CN";
}

export function gatewayMessage(
  key: GatewayMessage,
  language: Language,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return messages[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ""));
}
