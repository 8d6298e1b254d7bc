// Placeholder entry, replaced by the real router shortly.
export const handler = async () => ({ statusCode: 200, body: "{}" });
