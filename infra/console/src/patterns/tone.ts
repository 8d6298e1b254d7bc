/**
 * Tag colours as solid fills with white text: Ant Design's light status tags (green on pale green and
 * so on) fall short of WCAG AA contrast.
 */
const tones = {
  success: "#237804",
  processing: "#0958d9",
  warning: "#ad4e00",
  error: "#cf1322",
  default: undefined,
} as const;

export type Tone = keyof typeof tones;

export const tone = (name: Tone): string | undefined => tones[name];
