import { Button, Result } from "antd";
import { Link } from "react-router-dom";
import { useApp } from "../app-context";

export function NotFoundPage() {
  const { t } = useApp();
  return (
    <Result
      status="404"
      title={t.notFound}
      extra={
        <Link to="/">
          <Button type="primary">{t.home}</Button>
        </Link>
      }
    />
  );
}
