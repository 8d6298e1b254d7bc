/**
 * The application's one DynamoDB table, built from the shared table schema so that the stack, the
 * local runtime and the repository can never disagree about keys and indexes.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from "aws-cdk-lib/aws-dynamodb";
import { Key } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { type KeyAttribute, tableSchema } from "../../functions/kernel/table/table-schema";

/** What a function needs to know about a table to be granted access to it. */
export interface BindableTable {
  readonly table: Table;
  /** One ARN per global secondary index, each named: grants never use `index/*`. */
  readonly indexArns: readonly string[];
}

export function keyAttribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === "N" ? AttributeType.NUMBER : AttributeType.STRING };
}

export interface AppTableProps {
  /**
   * `customer`: encrypted with a customer-managed KMS key of its own (rotated yearly; the county
   * controls and audits it); `aws-managed` (default): DynamoDB's own encryption at rest.
   */
  readonly tableKey?: "aws-managed" | "customer";
}

export class AppTable extends Construct implements BindableTable {
  readonly table: Table;
  readonly indexArns: readonly string[];
  /** The customer-managed key, when the table has one. */
  readonly key: Key | undefined;

  constructor(scope: Construct, id: string, props: AppTableProps = {}) {
    super(scope, id);
    this.key =
      props.tableKey === "customer"
        ? new Key(this, "Key", {
            description: "好商量 table",
            enableKeyRotation: true,
            // The data outlives the stack (the table is retained): so must its key.
            removalPolicy: RemovalPolicy.RETAIN,
          })
        : undefined;
    this.table = new Table(this, "Table", {
      ...(this.key ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: this.key } : {}),
      partitionKey: keyAttribute(tableSchema.partitionKey),
      sortKey: keyAttribute(tableSchema.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      // The notice sender is fed from it (infra/constructs/notice-sender.ts).
      stream: StreamViewType.NEW_IMAGE,
    });
    for (const index of tableSchema.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: keyAttribute(index.partitionKey),
        sortKey: keyAttribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
    this.indexArns = tableSchema.globalIndexes.map(
      (index) => `${this.table.tableArn}/index/${index.indexName}`,
    );
  }
}
