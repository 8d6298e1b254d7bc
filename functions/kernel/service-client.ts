/**
 * An AWS SDK client that a local stack can point elsewhere: `endpointVariable` (e.g.
 * STEPFUNCTIONS_ENDPOINT) names the local endpoint, read per call because a local stack restarted in
 * the same process serves on a new port. On AWS the variable is unset and the client is the stock one.
 */
import { config } from "./config";

interface Destroyable {
  destroy(): void;
}

type ClientOptions = {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export function localAwareClient<Client extends Destroyable>(
  endpointVariable: string,
  create: (options: ClientOptions) => Client,
): () => Client {
  let cached: { client: Client; endpoint: string | undefined } | undefined;
  return () => {
    const endpoint = process.env[endpointVariable] || undefined;
    if (!cached || cached.endpoint !== endpoint) {
      cached?.client.destroy();
      const { region } = config();
      const client = create(
        endpoint
          ? { region, endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
          : { region },
      );
      cached = { client, endpoint };
    }
    return cached.client;
  };
}

/** A setting a deployed function cannot do without (an ARN or a name the stack gives it). */
export function requiredSetting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
