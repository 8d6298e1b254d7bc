/**
 * The list pattern: a title, filters, a table that loads page after page (the API's cursor), and an
 * export. A new list page is its columns, its filters and its loader.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { type ReactNode, useEffect, useState } from "react";
import { useApp } from "../app-context";
import { download, type ExportColumn, toCsv } from "./export";

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string | null;
}

export interface ListPageProps<T> {
  readonly title: string;
  /** Buttons beside the title (e.g. "register"). */
  readonly extra?: ReactNode;
  /** A filter bar; changing `filterKey` reloads from the first page. */
  readonly filters?: ReactNode;
  readonly filterKey?: string;
  readonly columns: ColumnsType<T>;
  readonly rowKey: (row: T) => string;
  readonly load: (cursor: string | undefined) => Promise<Page<T>>;
  /** The API's CSV for the same filters; without it the loaded rows are exported as shown. */
  readonly exportCsv?: () => Promise<Blob>;
  readonly exportColumns: readonly ExportColumn<T>[];
  readonly exportName: string;
  readonly testId?: string;
}

export function ListPage<T extends object>(props: ListPageProps<T>) {
  const { t } = useApp();
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();
  const { load, filterKey } = props;

  const fetchPage = (from: string | undefined, append: boolean) => {
    setLoading(true);
    load(from).then(
      (page) => {
        setRows((previous) => (append ? [...previous, ...page.items] : [...page.items]));
        setCursor(page.cursor ?? undefined);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when the filters change
  useEffect(() => fetchPage(undefined, false), [filterKey]);

  const exportRows = async () => {
    const blob = props.exportCsv ? await props.exportCsv() : toCsv(rows, props.exportColumns);
    download(blob, `${props.exportName}.csv`);
  };

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {props.title}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          {props.extra}
          <Button icon={<DownloadOutlined />} onClick={exportRows}>
            {t.export}
          </Button>
        </Space>
      }
      data-testid={props.testId}
    >
      <Flex vertical gap="middle">
        {props.filters}
        {error && <Alert type="error" title={error.message} showIcon />}
        <Table<T>
          columns={props.columns}
          dataSource={rows}
          rowKey={props.rowKey}
          loading={loading}
          pagination={false}
          scroll={{ x: "max-content" }}
          size="middle"
        />
        {cursor && (
          <Button onClick={() => fetchPage(cursor, true)} loading={loading}>
            {t.loadMore}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
