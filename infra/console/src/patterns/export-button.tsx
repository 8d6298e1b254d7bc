/** 导出: a list's spreadsheet as the API writes it (`?format=csv`, with a byte-order mark for Excel). */
import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { fetchCsv } from "../api/client";
import { useApp } from "../app-context";
import { download } from "./export";

interface Props {
  readonly path: string;
  readonly query?: Record<string, string | undefined>;
  readonly fileName: string;
  /** Says what is exported to a screen reader when the card has several lists. */
  readonly label: string;
}

export function ExportButton({ path, query = {}, fileName, label }: Props) {
  const { t, config, client } = useApp();
  const [busy, setBusy] = useState(false);
  const exportList = async () => {
    setBusy(true);
    try {
      download(await fetchCsv(config.apiBase, client, path, query), `${fileName}.csv`);
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
