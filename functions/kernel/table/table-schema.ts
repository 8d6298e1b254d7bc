/**
 * The one description of the table: its keys and indexes. The CDK stack, the local runtime and
 * the repository all read it, so the three can never disagree.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: "S" | "N";
}

export interface GlobalIndex {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export const tableSchema = {
  partitionKey: { name: "PK", type: "S" },
  sortKey: { name: "SK", type: "S" },
  /**
   * GSI1 — collections and inversions: all stations, all members, a member's stations.
   * GSI2 — lookups by an attribute: stations by zone, members by sector.
   * GSI3 — work queues, sparse: the notices not done with (queued, held, sending, failed) by state
   *   and when next due, so that the senders' sweeps and the list of what failed read those alone.
   * All project ALL: items are small and every list endpoint returns whole records.
   */
  globalIndexes: [
    {
      indexName: "GSI1",
      partitionKey: { name: "GSI1PK", type: "S" },
      sortKey: { name: "GSI1SK", type: "S" },
    },
    {
      indexName: "GSI2",
      partitionKey: { name: "GSI2PK", type: "S" },
      sortKey: { name: "GSI2SK", type: "S" },
    },
    {
      indexName: "GSI3",
      partitionKey: { name: "GSI3PK", type: "S" },
      sortKey: { name: "GSI3SK", type: "S" },
    },
  ] satisfies readonly GlobalIndex[],
  timeToLiveAttribute: "expiresAt",
} as const;

export type IndexName = (typeof tableSchema.globalIndexes)[number]["indexName"];
