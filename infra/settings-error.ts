/** A deployment setting (CDK context) that cannot work, with what to give instead. */
export class SettingsError extends Error {}
