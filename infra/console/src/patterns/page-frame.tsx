/**
 * What a page shows while its chunk is on its way (a labelled spinner where the page will be, the
 * frame around it unchanged) and if the page fails: the error where the page would be, the menu
 * still there (a chunk that no longer exists after a deploy, a page's own bug).
 */
import { Flex, Spin, Typography } from "antd";
import { Component, type ReactNode, Suspense } from "react";
import { useApp } from "../app-context";

function PageLoading() {
  const { t } = useApp();
  return (
    <Flex role="status" justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin description={t.loading} />
    </Flex>
  );
}

function PageFailed({ error }: { error: Error }) {
  const { t } = useApp();
  return (
    <Flex role="alert" vertical align="center" gap="small" style={{ minHeight: 240, paddingTop: 48 }}>
      <Typography.Text type="danger" strong>
        {t.error}
      </Typography.Text>
      <Typography.Text>{error.message}</Typography.Text>
    </Flex>
  );
}

class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? <PageFailed error={this.state.error} /> : this.props.children;
  }
}

/** A lazily loaded page with its loading and failure states. */
export function PageFrame({ children }: { children: ReactNode }) {
  return (
    <PageErrorBoundary>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </PageErrorBoundary>
  );
}
