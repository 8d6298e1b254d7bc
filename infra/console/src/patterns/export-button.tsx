/**
 * 导出: a list's spreadsheet — as the API writes it (`?format=csv`, with a byte-order mark for Excel)
 * where it has one, otherwise the rows as shown.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { fetchCsv } from "../api/client";
import { useApp } from "../app-context";
import { download } from "./export";

type Source =
  | { readonly path: string; readonly query?: Record<string, string | undefined> }
  | { readonly rows: () => Blob };

type Props = Source & {
  readonly fileName: string;
  /** Says what is exported to a screen reader when the card has several lists. */
  readonly label: string;
};

export function ExportButton(props: Props) {
  const { fileName, label } = props;
  const { t, config, client } = useApp();
  const [busy, setBusy] = useState(false);
  const exportList = async () => {
    setBusy(true);
    try {
      const blob =
        "rows" in props
          ? props.rows()
          : await fetchCsv(config.apiBase, client, props.path, props.query ?? {});
      download(blob, `${fileName}.csv`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      loading={busy}
      aria-label={`${t.export} ${label}`}
      onClick={exportList}
    >
      {t.export}
    </Button>
  );
}
