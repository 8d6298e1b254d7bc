/**
 * Prints the skeleton of the `smsTemplates` setting (SMS_TEMPLATES) for a Chinese SMS provider: every
 * notice template with its parameters in order and an empty `id`, to fill in with the template id the
 * provider gives once it has approved the wording. The wording to submit for approval goes to stderr,
 * one template a line, its parameters in the provider's syntax (`${name}` for Alibaba Cloud, `{1}`
 * for Tencent Cloud). Until every id is filled in, `cdk synth` refuses the file, naming what is missing.
 *
 *   npm run sms-templates -- aliyun > sms-templates.json
 */
import { allTemplates } from "../../functions/notices/templates/all";

type Provider = "aliyun" | "tencent";

const variablesOf = (wording: string) => [...wording.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "");

/** Our `{name}` placeholders in the provider's syntax. */
function providerWording(wording: string, provider: Provider): string {
  let position = 0;
  return wording.replace(/\{(\w+)\}/g, (_, name: string) =>
    provider === "aliyun" ? `\${${name}}` : `{${++position}}`,
  );
}

function smsTemplatesSkeleton(): Record<string, { id: string; params: string[] }> {
  return Object.fromEntries(
    allTemplates.map((template) => [
      template.id,
      { id: "", params: variablesOf(template.sms["zh-CN"] ?? "") },
    ]),
  );
}

const provider = process.argv[2] === "tencent" ? "tencent" : "aliyun";
for (const template of allTemplates) {
  process.stderr.write(`${template.id}\t${providerWording(template.sms["zh-CN"] ?? "", provider)}\n`);
}
process.stdout.write(`${JSON.stringify(smsTemplatesSkeleton(), null, 2)}\n`);
