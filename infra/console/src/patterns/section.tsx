/** A titled part of a page: a card with a heading. */
import { Card, Typography } from "antd";
import type { ReactNode } from "react";

interface Props {
  readonly title: string;
  readonly children: ReactNode;
  /** 2 on a page whose cards stand directly under its title (工作台); 3 under a detail's heading. */
  readonly level?: 2 | 3;
  /** Beside the heading: an export, a button. */
  readonly extra?: ReactNode;
}

export function Section({ title, children, level = 3, extra }: Props) {
  return (
    <Card
      title={
        <Typography.Title level={level} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      {children}
    </Card>
  );
}
