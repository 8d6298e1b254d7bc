/** A titled part of a detail page (a card with a level-3 heading). */
import { Card, Typography } from "antd";
import type { ReactNode } from "react";

export function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {title}
        </Typography.Title>
      }
    >
      {children}
    </Card>
  );
}
