/**
 * Each API function carries the kernel's messages and those of the parts its entry adds
 * (kernel/http/messages.ts). Built as deployed (infra/bundling.ts), no bundle may be able to
 * produce a key it does not carry: no message module it leaves out may hold a key that its code
 * names, as a string (`"phone_taken"`) or as the start of one it puts together (`` `reason_${…}` ``,
 * `"not_found_" + …`). A code that merely could name a key counts; so a function may carry a
 * message it never shows, never lack one it shows.
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import type {
  ConflictReason,
  ForbiddenReason,
  ResourceKind,
  UnavailableError,
} from "../../../functions/domain/errors";
import { bundleSettings } from "../../../infra/bundling";
import { fromRoot } from "../../../infra/paths";
import { type AnyMessageKey, messageModules } from "../../support/all-messages";

const apiFunctions = ["meta", "stations", "members", "topics", "activities", "quota-checks"] as const;

/** What the code of a bundle names: `"key"`, `'key'`, `` `key` `` or a prefix of it followed by `"` or `${`. */
function names(code: string, key: string): boolean {
  if (['"', "'", "`"].some((quote) => code.includes(`${quote}${key}${quote}`))) return true;
  const words = key.split("_");
  for (let i = 1; i < words.length; i += 1) {
    const prefix = `${words.slice(0, i).join("_")}_`;
    if ([`"${prefix}"`, `'${prefix}'`, `\`${prefix}\${`, `\`${prefix}\``].some((form) => code.includes(form)))
      return true;
  }
  return false;
}

async function built(name: string) {
  const { banner, alias, ...settings } = bundleSettings;
  const result = await build({
    ...settings,
    alias: { ...alias },
    mainFields: [...settings.mainFields],
    entryPoints: [fromRoot(`functions/${name}.ts`)],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: "error",
    absWorkingDir: fromRoot("."),
  });
  const code = result.outputFiles[0]?.text ?? "";
  const inputs = new Set(Object.keys(result.metafile.inputs));
  return { code, inputs };
}

describe("the messages each API function carries", () => {
  it.each(apiFunctions)(
    "%s carries every message its code can name",
    async (name) => {
      const { code, inputs } = await built(name);
      const left: string[] = [];
      for (const [module, messages] of Object.entries(messageModules)) {
        if (inputs.has(module)) continue;
        left.push(...Object.keys(messages).filter((key) => names(code, key)));
      }
      expect(left, `${name} can produce these keys but leaves out their messages`).toEqual([]);
      // A bundle takes a second or so to build, longer on a busy machine.
    },
    60_000,
  );

  it("holds each key in one module only", () => {
    const seen = new Map<string, string>();
    for (const [module, messages] of Object.entries(messageModules)) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${module}`).toBeUndefined();
        seen.set(key, module);
      }
    }
  });
});

// Every failure the domain can raise has a message in some module (a compile-time check).
type Covered<Key extends string> = Key extends AnyMessageKey ? true : Key;
const conflicts: Covered<ConflictReason> = true;
const forbidden: Covered<`forbidden_${ForbiddenReason}`> = true;
const notFound: Covered<`not_found_${ResourceKind}`> = true;
const unavailable: Covered<UnavailableError["reason"]> = true;
void [conflicts, forbidden, notFound, unavailable];
