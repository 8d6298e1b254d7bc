/**
 * A backup plan beside point-in-time recovery (decision 0026): PITR restores any second of the last
 * 35 days; AWS Backup keeps a daily recovery point of the table for `retentionDays` in a vault of its
 * own, so a deleted table or a bad write noticed late can still be restored.
 */
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from "aws-cdk-lib/aws-backup";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Schedule } from "aws-cdk-lib/aws-events";
import { Construct } from "constructs";

export interface TableBackupProps {
  readonly table: ITable;
  /** Days each daily recovery point is kept. */
  readonly retentionDays: number;
}

export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    this.vault = new BackupVault(this, "Vault", {
      // The recovery points outlive the stack, as the table does.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.plan = new BackupPlan(this, "Plan", { backupVault: this.vault });
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: "Daily",
        // 03:00 in Beijing (19:00 UTC): after the day's work, before the morning's reminders.
        scheduleExpression: Schedule.cron({ minute: "0", hour: "19" }),
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter: Duration.days(props.retentionDays),
      }),
    );
    const selection = this.plan.addSelection("Table", {
      resources: [BackupResource.fromDynamoDbTable(props.table)],
    });
    Validations.of(selection).acknowledge({
      id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]`,
      reason:
        "AWS Backup's own service-role policy for taking backups: the role is assumed by backup.amazonaws.com " +
        "only and the selection names the one table; AWS keeps the policy in step with the services it backs up.",
    });
  }
}
