/**
 * The console's static files, served by the local gateway for GETs no API route takes (what
 * CloudFront in front of the console's bucket does on AWS). Hashed assets are cached for good;
 * index.html and config.json are revalidated, so a rebuild shows at once.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { Reply } from "./response";

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The file under `root` that `rawPath` names ("/" is index.html), or undefined when there is none. */
export async function staticFile(root: string, rawPath: string): Promise<Reply | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (path.includes("\0")) return undefined;
  const relative = normalize(path === "/" ? "/index.html" : path).replace(/^[/\\]+/, "");
  if (relative.startsWith("..") || relative.split(sep).includes("..")) return undefined;
  const file = join(root, relative);
  if (!file.startsWith(root)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    const body = await readFile(file);
    const hashed = relative.startsWith(`assets${sep}`);
    return {
      status: 200,
      headers: {
        "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
        "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
        "x-content-type-options": "nosniff",
      },
      body,
    };
  } catch {
    return undefined;
  }
}
