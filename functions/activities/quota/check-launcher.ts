/**
 * Hands a quarterly check the county office asked for to the scheduled jobs' function, so that it
 * runs there — for a quarter of an hour if it must — and not in the API's seconds (decision 0022).
 * An asynchronous Lambda `Invoke` (`InvocationType: Event`): Lambda queues it and answers at once.
 * Locally LAMBDA_ENDPOINT points the same SDK call at the local runtime's jobs endpoint.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { localAwareClient, requiredSetting } from "../../kernel/service-client";

/** A check claimed by a request (`claimId`), to be run as of `asOf`. */
export interface RequestedCheck {
  readonly checkId: string;
  readonly claimId: string;
  readonly asOf: string;
}

/** The scheduled function's event for a check already claimed by the request (functions/scheduled.ts). */
export interface RequestedCheckEvent {
  readonly job: "quarterlyCheck";
  readonly requested: RequestedCheck;
}

export interface CheckLauncher {
  launch(event: RequestedCheckEvent): Promise<void>;
}

const lambda = localAwareClient("LAMBDA_ENDPOINT", (options) => new LambdaClient(options));

export const lambdaCheckLauncher: CheckLauncher = {
  async launch(event) {
    await lambda().send(
      new InvokeCommand({
        FunctionName: requiredSetting("SCHEDULED_JOBS_FUNCTION"),
        InvocationType: "Event",
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
  },
};
